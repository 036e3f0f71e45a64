package deobfuscate

import (
	"regexp"
	"strconv"
	"strings"
)

func init() {
	register(30, Transform{Name: "ps_char_range", Lang: "powershell", Fn: PSCharRange})
	register(31, Transform{Name: "ps_char_bxor", Lang: "powershell", Fn: PSCharBxor})
	register(32, Transform{Name: "ps_char_cast", Lang: "powershell", Fn: PSCharCast})
	register(33, Transform{Name: "ps_char_array", Lang: "powershell", Fn: PSCharArray})
}

const (
	psNum     = `(?:0x[0-9a-f]{1,6}|\d{1,7})`
	psNumList = `\s*(` + psNum + `(?:\s*,\s*` + psNum + `)*)\s*`
	psEach    = `\s*\|\s*(?:%|foreach-object|foreach)\s*\{\s*`
	psDollar  = `(?:\[(?:int|int32|byte|char)\]\s*)*\$_\s*`
)

var (
	charRangeRe = regexp.MustCompile(`(?i)\(\s*(\d{1,5})\s*\.\.\s*(\d{1,5})\s*\)` + psEach + `\[char\]\s*\$_\s*\}`)
	charCastRe  = regexp.MustCompile(`(?i)\[(?:system\.)?char\]\s*(?:\(\s*(` + psNum + `)\s*\)|(` + psNum + `)\b)`)
	charXorRe   = regexp.MustCompile(`(?i)\[(?:system\.)?char\]\s*\(\s*(` + psNum + `)\s*-bxor\s*(` + psNum + `)\s*\)`)
	arrayXorRe  = regexp.MustCompile(`(?i)(?:\[char\[\]\]\s*)?\(` + psNumList + `\)` + psEach +
		`\[char\]\s*\(\s*` + psDollar + `-bxor\s*(` + psNum + `)\s*\)\s*\}`)
	charArrayRe = regexp.MustCompile(`(?i)\[char\[\]\]\s*\(` + psNumList + `\)`)
)

// psMaxRange caps (N..M)|%{[char]$_} at the byte range, as Genos does; it
// stops a 0..9999999 range from becoming a megabyte string.
const psMaxRange = 255

// PSCharRange turns (N..M)|%{[char]$_} into the quoted characters N..M,
// clamped to 0-255 and swapped when reversed (Genos step 6a).
func PSCharRange(in string) (string, bool) {
	if !strings.Contains(in, "..") || !containsFold(in, "char]") {
		return in, false
	}
	out := replaceCode(in, charRangeRe, func(m string) string {
		g := charRangeRe.FindStringSubmatch(m)
		lo, _ := strconv.Atoi(g[1])
		hi, _ := strconv.Atoi(g[2])
		lo, hi = min(lo, psMaxRange), min(hi, psMaxRange)
		if lo > hi {
			lo, hi = hi, lo
		}
		var b strings.Builder
		for c := lo; c <= hi; c++ {
			b.WriteRune(rune(c))
		}
		return psQuote(b.String())
	})
	return psResult(in, out)
}

// PSCharCast turns [char]N, [char](N) and [char]0x41 outside strings into
// a quoted one-character literal (Genos step 6b).
func PSCharCast(in string) (string, bool) {
	if !containsFold(in, "char]") {
		return in, false
	}
	out := replaceCode(in, charCastRe, func(m string) string {
		g := charCastRe.FindStringSubmatch(m)
		r, ok := psRune(g[1] + g[2])
		if !ok {
			return m
		}
		return psQuote(string(r))
	})
	return psResult(in, out)
}

// psRune parses a character code, refusing values that are not runes.
func psRune(t string) (rune, bool) {
	n, ok := parseInt(strings.ToLower(t))
	if !ok || n > 0x10FFFF || (n >= 0xD800 && n <= 0xDFFF) {
		return 0, false
	}
	return rune(n), true
}

// PSCharBxor evaluates XOR-encoded characters: [char](N -bxor K) and
// (N,N,...)|%{[char]($_ -bxor K)} (with an optional [char[]] cast), giving
// quoted literals.
func PSCharBxor(in string) (string, bool) {
	if !containsFold(in, "-bxor") {
		return in, false
	}
	out := replaceCode(in, charXorRe, func(m string) string {
		g := charXorRe.FindStringSubmatch(m)
		s, ok := xorCodes([]string{g[1]}, g[2])
		if !ok {
			return m
		}
		return psQuote(s)
	})
	out = replaceCode(out, arrayXorRe, func(m string) string {
		g := arrayXorRe.FindStringSubmatch(m)
		s, ok := xorCodes(strings.Split(g[1], ","), g[2])
		if !ok {
			return m
		}
		return psQuote(s)
	})
	return psResult(in, out)
}

// xorCodes decodes character codes XORed with key.
func xorCodes(codes []string, key string) (string, bool) {
	k, ok := parseInt(strings.ToLower(strings.TrimSpace(key)))
	if !ok {
		return "", false
	}
	var b strings.Builder
	for _, c := range codes {
		n, ok := parseInt(strings.ToLower(strings.TrimSpace(c)))
		if !ok {
			return "", false
		}
		r, ok := psRune(strconv.FormatInt(n^k, 10))
		if !ok {
			return "", false
		}
		b.WriteRune(r)
	}
	return b.String(), true
}

// PSCharArray turns [char[]](72,101,...) into the list ('H','e',...), which
// the -join transforms then fold into one string.
func PSCharArray(in string) (string, bool) {
	if !containsFold(in, "[char[]]") {
		return in, false
	}
	out := replaceCode(in, charArrayRe, func(m string) string {
		codes := strings.Split(charArrayRe.FindStringSubmatch(m)[1], ",")
		items := make([]string, 0, len(codes))
		for _, c := range codes {
			r, ok := psRune(strings.TrimSpace(c))
			if !ok {
				return m
			}
			items = append(items, psQuote(string(r)))
		}
		return "(" + strings.Join(items, ",") + ")"
	})
	return psResult(in, out)
}
