package deobfuscate

import (
	"regexp"
	"strings"
)

// Helpers shared by the psenc_* decoders, which undo Invoke-Obfuscation's
// ENCODING menu (ASCII/octal/hex/binary/BXOR character codes, whitespace,
// special characters, SecureString and compression). Every such output is a
// small launcher "frame" (an Invoke-Expression builder plus the decoding
// pipeline) wrapped around one large data blob; the decoders find the blob,
// decode it, and replace the whole launcher with the script it runs.

// psencMaxFrame is the most launcher text, outside the data blob, that a
// psenc decoder accepts. Invoke-Obfuscation frames are a few hundred bytes;
// a larger frame means the blob sits inside a real script, and replacing
// that script with the blob would hide the code around it (an attacker
// could bury a command next to a decoy blob).
const psencMaxFrame = 4096

// psencInvokeRe matches the Invoke-Expression spellings Invoke-Obfuscation
// uses: iex, Invoke-Expression, and the builders that index automatic
// variables ($ShellId[1]+$ShellId[13]+'x', $PSHome[4]+$PSHome[30]+'x',
// $env:ComSpec[4,15,25], (Get-Variable '*mdr*').Name[3,11,2],
// $VerbosePreference.ToString()[1,3]+'x', and method names of an empty
// string literal indexed as text).
var psencInvokeRe = regexp.MustCompile(`(?i)\biex\b|invoke-expression|\$shellid\s*\[|\$pshome\s*\[|\$env:comspec\s*\[|\*mdr\*|\$verbosepreference|''\s*\.\s*[a-z]`)

// psencLauncher reports whether in, once the data blob in[start:end] is
// taken out, is a launcher frame: small, and invoking what it decodes.
func psencLauncher(in string, start, end int) bool {
	if len(in)-(end-start) > psencMaxFrame || psencStatements(in, start, end) > 1 {
		return false
	}
	return psencInvokeRe.MatchString(in[:start]) || psencInvokeRe.MatchString(in[end:])
}

// psencFrame returns the text around the blob in[start:end], bounded by the
// frame check done before it is called.
func psencFrame(in string, start, end int) string { return in[:start] + " " + in[end:] }

// psencIndexFold is strings.Index for an ASCII lower-case needle, ignoring
// the case of s. It allocates nothing and finds candidates with
// strings.IndexByte (vectorised), so prechecks on large inputs stay cheap.
func psencIndexFold(s, lowerSub string) int {
	n := len(lowerSub)
	if n == 0 {
		return 0
	}
	lo, up := lowerSub[0], lowerSub[0]
	if lo >= 'a' && lo <= 'z' {
		up = lo - 'a' + 'A'
	}
	nextLo, nextUp := -1, -1 // next candidate of each case; -1: not searched yet
	for i := 0; i+n <= len(s); {
		if nextLo < i {
			nextLo = psencIndexByteFrom(s, lo, i)
		}
		if nextUp < i {
			nextUp = psencIndexByteFrom(s, up, i)
		}
		c := min(nextLo, nextUp)
		if c+n > len(s) {
			return -1
		}
		if psencEqualFold(s[c:c+n], lowerSub) {
			return c
		}
		i = c + 1
	}
	return -1
}

// psencIndexByteFrom is strings.IndexByte(s[from:], c) as an index of s, or
// len(s)+1 when there is none (so min above treats it as far away).
func psencIndexByteFrom(s string, c byte, from int) int {
	if j := strings.IndexByte(s[from:], c); j >= 0 {
		return from + j
	}
	return len(s) + 1
}

func psencEqualFold(s, lower string) bool {
	for i := 0; i < len(lower); i++ {
		if psencLower(s[i]) != lower[i] {
			return false
		}
	}
	return true
}

func psencContainsFold(s, lowerSub string) bool { return psencIndexFold(s, lowerSub) >= 0 }

func psencLower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// psencSpan is a half-open byte range of the input.
type psencSpan struct{ start, end int }

// psencLongestQuoted returns the content span of the longest single-quoted
// literal whose content satisfies ok. PowerShell's doubled-quote escape
// inside single quotes is honoured; literals containing it are skipped
// (data blobs never contain quotes).
func psencLongestQuoted(s string, ok func(string) bool) (psencSpan, bool) {
	best, found := psencSpan{}, false
	for i := 0; i < len(s); i++ {
		if s[i] != '\'' {
			continue
		}
		end, escaped := psencQuoteEnd(s, i+1)
		if end < 0 {
			break
		}
		if !escaped && end-(i+1) > best.end-best.start && ok(s[i+1:end]) {
			best, found = psencSpan{i + 1, end}, true
		}
		i = end
	}
	return best, found
}

// psencQuoteEnd returns the index of the quote closing a single-quoted
// literal whose content starts at from, and whether the content holds a
// doubled-quote escape; -1 when it is not closed.
func psencQuoteEnd(s string, from int) (int, bool) {
	escaped := false
	for j := from; j < len(s); j++ {
		if s[j] != '\'' {
			continue
		}
		if j+1 < len(s) && s[j+1] == '\'' {
			escaped = true
			j++
			continue
		}
		return j, escaped
	}
	return -1, escaped
}

// psencSplitArgRe matches the delimiter arguments of -split, -csplit,
// -isplit and .Split('...').
var psencSplitArgRe = regexp.MustCompile(`(?i)(-[ci]?split\s*|\.split\(\s*)'([^']*)'`)

// psencSplitArg is the delimiter argument of one split, and whether the
// split ignores case (-split and -isplit do; -csplit and .Split do not).
type psencSplitArg struct {
	arg  string
	fold bool
}

// psencSplitArgs returns the delimiter arguments of every split in frame,
// in order.
func psencSplitArgs(frame string) []psencSplitArg {
	var out []psencSplitArg
	for _, m := range psencSplitArgRe.FindAllStringSubmatch(frame, -1) {
		op := strings.ToLower(m[1])
		fold := strings.HasPrefix(op, "-split") || strings.HasPrefix(op, "-isplit")
		out = append(out, psencSplitArg{m[2], fold})
	}
	return out
}

// psencLauncherBody strips a `powershell[.exe] [options] "..."` launcher and
// returns the quoted script with cmd.exe's \" escapes undone. Input that is
// not such a launcher is returned as it is.
func psencLauncherBody(in string) string {
	s := strings.TrimSpace(in)
	if !strings.HasPrefix(strings.ToLower(s[:min(len(s), 10)]), "powershell") {
		return in
	}
	q := strings.IndexByte(s, '"')
	if q < 0 || !strings.HasSuffix(s, `"`) || q == len(s)-1 {
		return in
	}
	return strings.ReplaceAll(s[q+1:len(s)-1], `\"`, `"`)
}

// psencStatements counts the top-level statements of in (separated by ;
// or line breaks outside brackets and strings), skipping the blob
// in[start:end]. A launcher is one statement; more means the blob sits in
// a script whose other statements must not be replaced.
func psencStatements(in string, start, end int) int {
	n, depth, text := 0, 0, false
	for i := 0; i < len(in); i++ {
		if i == start {
			i, text = end-1, true
			continue
		}
		switch c := in[i]; c {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
		case '\'', '"':
			if _, e, _ := scanPSString(in, i); e > 0 && (start < i || start >= e) {
				i = e - 1
			}
		case ';', '\n', '\r':
			if depth <= 0 && text {
				n, text = n+1, false
			}
			continue
		}
		if in[i] > ' ' {
			text = true
		}
	}
	if text {
		n++
	}
	return n
}
