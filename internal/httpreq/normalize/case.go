package normalize

import "strings"

// minCaseSwitches is how many upper/lower alternations inside one word
// count as case obfuscation: "Hello" has one, "SeLeCt" five, "iPhone" two.
const minCaseSwitches = 3

// MixedCase folds words with alternating case ("SeLeCt", "sCrIpT") to
// lower case: keywords are case-insensitive in SQL and HTML, and the
// alternation exists to dodge case-sensitive filters. Ordinary words and
// identifiers keep their case.
func MixedCase(in string) (string, bool) {
	var b []byte
	for i := 0; i < len(in); {
		j := i
		for j < len(in) && isLetter(in[j]) {
			j++
		}
		if j == i {
			i++
			continue
		}
		if caseSwitches(in[i:j]) >= minCaseSwitches {
			if b == nil {
				b = []byte(in)
			}
			copy(b[i:j], strings.ToLower(in[i:j]))
		}
		i = j
	}
	if b == nil {
		return in, false
	}
	return string(b), true
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func caseSwitches(w string) int {
	n := 0
	for i := 1; i < len(w); i++ {
		if (w[i] >= 'a') != (w[i-1] >= 'a') {
			n++
		}
	}
	return n
}
