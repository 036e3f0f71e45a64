package deobfuscate

import (
	"regexp"
	"strings"
)

// EntropyThreshold is Genos's obfuscation threshold in bits per character.
const EntropyThreshold = 5.2

// indicator is one reason to believe a command line is obfuscated.
type indicator struct {
	name string
	re   *regexp.Regexp
}

// indicators are Genos's is_obfuscated patterns plus the tricks vigil
// handles beyond them. All are matched case-insensitively.
var indicators = []indicator{
	{"char_cast", regexp.MustCompile(`(?i)\[char\]`)},
	{"base64", regexp.MustCompile(`(?i)base64`)},
	{"reverse", regexp.MustCompile(`(?i)reverse\(`)},
	{"concat", regexp.MustCompile(`\+ *'`)},
	{"long_variable", regexp.MustCompile(`(?i)\$[a-z0-9_]{10,}`)},
	{"hex_escape", regexp.MustCompile(`(?i)\\x[0-9a-f]{2}`)},
	{"encoded_command", regexp.MustCompile(`(?i)-enc(?:odedcommand)?\s+[A-Za-z0-9+/=]{20,}`)},
	// beyond Genos
	{"format_operator", regexp.MustCompile(`(?i)['"]\s*-f\s*['"]`)},
	{"join", regexp.MustCompile(`(?i)-join|\[string\]::join`)},
	{"replace", regexp.MustCompile(`(?i)\.replace\(|-c?replace\b`)},
	{"backtick", regexp.MustCompile("[A-Za-z]`[A-Za-z]")},
	{"bxor", regexp.MustCompile(`(?i)-bxor`)},
	{"compression", regexp.MustCompile(`(?i)deflatestream|gzipstream`)},
	{"caret", regexp.MustCompile(`[A-Za-z]\^[A-Za-z]`)},
	{"cmd_substring", regexp.MustCompile(`%[A-Za-z0-9_]+:~-?\d+`)},
	{"delayed_expansion", regexp.MustCompile(`(?i)cmd(\.exe)?\s+/v`)},
	{"ansi_c_string", regexp.MustCompile(`\$'\\`)},
	{"ifs", regexp.MustCompile(`\$\{?IFS`)},
	{"split_word", regexp.MustCompile(`[a-z]['"][a-z]+['"][a-z]`)},
	{"hex_decode", regexp.MustCompile(`xxd\s+-r|\brev\b`)},
}

// Indicators returns the names of the obfuscation indicators that match s,
// including "entropy" when its entropy exceeds EntropyThreshold.
func Indicators(s string) []string {
	var out []string
	for _, ind := range indicators {
		if ind.re.MatchString(s) {
			out = append(out, ind.name)
		}
	}
	if Entropy(s) > EntropyThreshold {
		out = append(out, "entropy")
	}
	if _, ok := BareBase64(strings.TrimSpace(s)); ok {
		out = append(out, "bare_base64")
	}
	return out
}

// IsObfuscated reports whether any obfuscation indicator matches s.
func IsObfuscated(s string) bool { return len(Indicators(s)) > 0 }
