package deobfuscate

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

func init() {
	register(17, Transform{Name: "psenc_charcodes", Lang: "powershell", Fn: PSEncCharCodes})
}

// psencMaxCodes caps the character codes one launcher may hold. A 1 MiB
// script is 1M codes; more is a CPU and memory bomb, not a script.
const psencMaxCodes = maxTransformOutput

var (
	// psencBaseRe finds the base of [Convert]::ToInt16($_, base).
	psencBaseRe = regexp.MustCompile(`(?i)toint16\s*\(.{0,80}?,\s*(\d+)\s*\)`)
	// psencXorRe finds the key of $_ -bxor 'key' (the quote may carry
	// cmd.exe's backslash escape).
	psencXorRe = regexp.MustCompile(`(?i)-bxor\s*\\?['"]?\s*(0x[0-9a-f]+|\d+)`)
)

// PSEncCharCodes decodes Invoke-Obfuscation's ENCODING\ASCII, OCTAL, HEX,
// BINARY and BXOR launchers: the script as numbers in base 10, 8, 16 or 2
// (optionally XORed with a key), either as a list (112,111,...) or as one
// string cut with -split / .Split('delimiters'), turned back into characters
// with [char], [Convert]::ToInt16($_, base) and -join, and run through an
// Invoke-Expression builder. The whole launcher becomes the script.
func PSEncCharCodes(in string) (string, bool) {
	if !psencContainsFold(in, "char") {
		return in, false
	}
	data, fromList := psencCodeData(in)
	if data.end-data.start < 3 || !psencLauncher(in, data.start, data.end) {
		return in, false
	}
	frame := psencFrame(in, data.start, data.end)
	tokens, ok := psencCodeTokens(in[data.start:data.end], frame, fromList)
	if !ok {
		return in, false
	}
	out, ok := psencDecodeCodes(tokens, psencCodeBase(frame), psencXorKey(frame))
	if !ok || out == in || !bounded(in, out) {
		return in, false
	}
	return out, true
}

// psencCodeData returns the larger of the longest parenthesised code list
// and the longest quoted string of code digits, and whether it is a list.
func psencCodeData(in string) (psencSpan, bool) {
	list, okList := psencLongestList(in)
	quoted, okQuoted := psencLongestQuoted(in, psencCodeString)
	switch {
	case okList && (!okQuoted || list.end-list.start >= quoted.end-quoted.start):
		return list, true
	case okQuoted:
		return quoted, false
	}
	return psencSpan{}, false
}

// psencCodeString reports whether s looks like codes cut by delimiters:
// mostly alphanumeric, no spaces, and at least one digit.
func psencCodeString(s string) bool {
	digits := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c <= ' ' || c >= 0x7f || c == '\'' || c == '"':
			return false
		}
	}
	return digits*2 >= len(s)
}

// psencLongestList finds the longest "( item, item, ... )" whose items are
// bare or quoted alphanumeric codes. The content span excludes the parens.
func psencLongestList(s string) (psencSpan, bool) {
	best, found := psencSpan{}, false
	for i := 0; i < len(s); i++ {
		if s[i] != '(' {
			continue
		}
		end, n := psencScanList(s, i+1)
		if n >= 2 && end-(i+1) > best.end-best.start {
			best, found = psencSpan{i + 1, end}, true
		}
		if n > 0 {
			i = end
		}
	}
	return best, found
}

// psencScanList scans list items from from; it returns the index of the
// closing paren and the item count, or (from, 0) when the text is not a
// list. Items never contain parens, so scans from different '(' do not
// overlap and the whole search is linear.
func psencScanList(s string, from int) (int, int) {
	n, i := 0, from
	for {
		i = psencSkipSpace(s, i)
		q := byte(0)
		if i < len(s) && (s[i] == '\'' || s[i] == '"') {
			q = s[i]
			i++
		}
		j := i
		for j < len(s) && psencAlnum(s[j]) {
			j++
		}
		if j == i || (q != 0 && (j >= len(s) || s[j] != q)) {
			return from, 0
		}
		if q != 0 {
			j++
		}
		n++
		i = psencSkipSpace(s, j)
		switch {
		case i < len(s) && s[i] == ',':
			i++
		case i < len(s) && s[i] == ')':
			return i, n
		default:
			return from, 0
		}
	}
}

func psencSkipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n') {
		i++
	}
	return i
}

func psencAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// psencCodeTokens cuts the data into code tokens: list items, or the
// quoted string cut at every delimiter character the frame splits on.
func psencCodeTokens(data, frame string, fromList bool) ([]string, bool) {
	if fromList {
		return strings.FieldsFunc(data, func(r rune) bool {
			return r == ',' || r == '\'' || r == '"' || r == ' ' || r == '\t' || r == '\r' || r == '\n'
		}), true
	}
	var b strings.Builder
	for _, a := range psencSplitArgs(frame) {
		b.WriteString(a.arg)
		if a.fold {
			b.WriteString(strings.ToLower(a.arg) + strings.ToUpper(a.arg))
		}
	}
	delims := strings.ReplaceAll(b.String(), `\`, "")
	if delims == "" {
		return nil, false
	}
	return strings.FieldsFunc(data, func(r rune) bool { return strings.ContainsRune(delims, r) }), true
}

// psencCodeBase returns the base given to [Convert]::ToInt16, or 10.
func psencCodeBase(frame string) int {
	if m := psencBaseRe.FindStringSubmatch(frame); m != nil {
		switch m[1] {
		case "2", "8", "16":
			b, _ := strconv.Atoi(m[1])
			return b
		}
	}
	return 10
}

// psencXorKey returns the -bxor key in frame, or 0.
func psencXorKey(frame string) int64 {
	m := psencXorRe.FindStringSubmatch(frame)
	if m == nil {
		return 0
	}
	k := strings.ToLower(m[1])
	base := 10
	if strings.HasPrefix(k, "0x") {
		k, base = k[2:], 16
	}
	v, err := strconv.ParseInt(k, base, 32)
	if err != nil {
		return 0
	}
	return v
}

// psencDecodeCodes turns code tokens into text. Every token must parse and
// name a UTF-16 code unit that is not a surrogate, and the text must be
// printable: a launcher that decodes to noise was misread, not decoded.
func psencDecodeCodes(tokens []string, base int, key int64) (string, bool) {
	if len(tokens) < 2 || len(tokens) > psencMaxCodes {
		return "", false
	}
	var b strings.Builder
	b.Grow(len(tokens))
	for _, t := range tokens {
		v, err := strconv.ParseInt(t, base, 32)
		if err != nil {
			return "", false
		}
		r := rune(v ^ key)
		if r < 0 || r > 0xffff || (r >= 0xd800 && r < 0xe000) {
			return "", false
		}
		b.WriteRune(r)
	}
	out := b.String()
	if !utf8.ValidString(out) || printableRatio(out) < 0.9 {
		return "", false
	}
	return out, true
}
