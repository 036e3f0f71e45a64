package deobfuscate

import (
	"strings"

	"github.com/vigilsec/vigil/internal/ascii"
)

// EntropyThreshold is Genos's obfuscation threshold in bits per character.
const EntropyThreshold = 5.2

// indicator is one reason to believe a command line is obfuscated. match
// receives the ASCII-lower-cased text (and the original, for the few
// case-sensitive tests); all are hand-written scans, since this runs on
// every command line.
type indicator struct {
	name  string
	match func(lower, orig string) bool
}

// indicators are Genos's is_obfuscated patterns plus the tricks vigil
// handles beyond them.
var indicators = []indicator{
	{"char_cast", detHas("[char]")},
	{"base64", detHas("base64")},
	{"reverse", detHas("reverse(")},
	{"concat", func(l, _ string) bool { return followedBy(l, "+", " ", "'") }},
	{"long_variable", longVariable},
	{"hex_escape", hexEscape},
	{"encoded_command", encodedCommand},
	// beyond Genos
	{"format_operator", func(l, _ string) bool { return strings.Contains(l, "-f") && formatOperator(l) }},
	{"join", detAny("-join", "[string]::join")},
	{"replace", detAny(".replace(", "-replace", "-creplace")},
	{"backtick", func(_, o string) bool { return between(o, '`', ascii.IsLetter) }},
	{"bxor", detHas("-bxor")},
	{"compression", detAny("deflatestream", "gzipstream")},
	{"caret", func(_, o string) bool { return between(o, '^', ascii.IsLetter) }},
	{"cmd_substring", detHas(":~")},
	{"delayed_expansion", detAny("cmd /v", "cmd.exe /v")},
	{"ansi_c_string", detHas(`$'\`)},
	{"ifs", detAny("${ifs", "$ifs")},
	{"split_word", splitWord},
	{"hex_decode", detAny("xxd -r", "| rev", "|rev")},
}

// Indicators returns the names of the obfuscation indicators that match s,
// including "entropy" when its entropy exceeds EntropyThreshold and
// "bare_base64" when the whole text is a Base64 blob.
func Indicators(s string) []string {
	lower := ascii.Lower(s)
	var out []string
	for _, ind := range indicators {
		if ind.match(lower, s) {
			out = append(out, ind.name)
		}
	}
	if Entropy(s) > EntropyThreshold {
		out = append(out, "entropy")
	}
	if _, ok := BareBase64(s); ok {
		out = append(out, "bare_base64")
	}
	return out
}

// IsObfuscated reports whether any obfuscation indicator matches s.
func IsObfuscated(s string) bool { return len(Indicators(s)) > 0 }

func detHas(sub string) func(string, string) bool {
	return func(l, _ string) bool { return strings.Contains(l, sub) }
}

func detAny(subs ...string) func(string, string) bool {
	return func(l, _ string) bool {
		for _, s := range subs {
			if strings.Contains(l, s) {
				return true
			}
		}
		return false
	}
}

func detHex(c byte) bool {
	return c >= '0' && c <= '9' || (c|0x20) >= 'a' && (c|0x20) <= 'f'
}
func detWord(c byte) bool { return ascii.IsLetter(c) || c >= '0' && c <= '9' || c == '_' }

// between reports whether sep occurs between two bytes satisfying ok.
func between(s string, sep byte, ok func(byte) bool) bool {
	for i := 1; i+1 < len(s); i++ {
		if s[i] == sep && ok(s[i-1]) && ok(s[i+1]) {
			return true
		}
	}
	return false
}

// followedBy reports whether a occurs followed by any run of pad and then b
// (Genos's `\+[ ]*'`).
func followedBy(s, a, pad, b string) bool {
	for i := strings.Index(s, a); i >= 0; {
		j := i + len(a)
		for j < len(s) && strings.HasPrefix(s[j:], pad) {
			j += len(pad)
		}
		if strings.HasPrefix(s[j:], b) {
			return true
		}
		k := strings.Index(s[i+1:], a)
		if k < 0 {
			return false
		}
		i += 1 + k
	}
	return false
}

// longVariable is Genos's `\$[a-z0-9_]{10,}`.
func longVariable(l, _ string) bool {
	for i := strings.IndexByte(l, '$'); i >= 0; {
		n := 0
		for j := i + 1; j < len(l) && detWord(l[j]); j++ {
			n++
		}
		if n >= 10 {
			return true
		}
		k := strings.IndexByte(l[i+1:], '$')
		if k < 0 {
			return false
		}
		i += 1 + k
	}
	return false
}

// hexEscape is Genos's `\\x[0-9a-f]{2}`.
func hexEscape(l, _ string) bool {
	for i := strings.Index(l, `\x`); i >= 0; {
		if i+3 < len(l) && detHex(l[i+2]) && detHex(l[i+3]) {
			return true
		}
		k := strings.Index(l[i+1:], `\x`)
		if k < 0 {
			return false
		}
		i += 1 + k
	}
	return false
}

// encodedCommand is Genos's `-enc(?:odedcommand)?\s+[A-Za-z0-9+/=]{20,}`.
func encodedCommand(l, _ string) bool {
	for i := strings.Index(l, "-enc"); i >= 0; {
		j := i + 4
		if strings.HasPrefix(l[j:], "odedcommand") {
			j += len("odedcommand")
		}
		sp := j
		for j < len(l) && (l[j] == ' ' || l[j] == '\t') {
			j++
		}
		n := 0
		for j < len(l) && (detWord(l[j]) && l[j] != '_' || l[j] == '+' || l[j] == '/' || l[j] == '=') {
			j, n = j+1, n+1
		}
		if j > sp && n >= 20 {
			return true
		}
		k := strings.Index(l[i+1:], "-enc")
		if k < 0 {
			return false
		}
		i += 1 + k
	}
	return false
}

// formatOperator matches `'...' -f '...'` shapes: a quote, optional spaces,
// -f, optional spaces, a quote.
func formatOperator(l string) bool {
	for i := strings.Index(l, "-f"); i >= 0; {
		a, b := i-1, i+2
		for a >= 0 && l[a] == ' ' {
			a--
		}
		for b < len(l) && l[b] == ' ' {
			b++
		}
		if a >= 0 && b < len(l) && (l[a] == '\'' || l[a] == '"') && (l[b] == '\'' || l[b] == '"') {
			return true
		}
		k := strings.Index(l[i+1:], "-f")
		if k < 0 {
			return false
		}
		i += 1 + k
	}
	return false
}

// splitWord is `[a-z]['"][a-z]+['"][a-z]`: a quoted piece glued inside a
// word, as in w'h'o"am"i.
func splitWord(l, _ string) bool {
	for i := 1; i < len(l); i++ {
		q := l[i]
		if (q != '\'' && q != '"') || !detLower(l[i-1]) {
			continue
		}
		j := i + 1
		for j < len(l) && detLower(l[j]) {
			j++
		}
		if j > i+1 && j+1 < len(l) && l[j] == q && detLower(l[j+1]) {
			return true
		}
	}
	return false
}

func detLower(c byte) bool { return c >= 'a' && c <= 'z' }
