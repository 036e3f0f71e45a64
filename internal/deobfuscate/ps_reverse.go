package deobfuscate

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"
)

func init() {
	register(39, Transform{Name: "ps_index", Lang: "powershell", Fn: PSIndex})
	register(40, Transform{Name: "ps_array_reverse", Lang: "powershell", Fn: PSArrayReverse})
}

var (
	indexRangeRe = regexp.MustCompile(`^\s*(-?\d{1,7})\s*\.\.\s*(-?\d{1,7})\s*$`)
	indexListRe  = regexp.MustCompile(`^\s*-?\d{1,7}(?:\s*,\s*-?\d{1,7})*\s*$`)
	// constSpecRe is an index built from numbers, ranges and parentheses
	// only: - 1.. - ((12)) means -1..-12.
	constSpecRe = regexp.MustCompile(`^[\s\d\-.()]+$`)
	lengthRe    = regexp.MustCompile(`(?i)^\s*\.\s*length\b`)
	psLitRe     = `('(?:[^']|'')*'|"(?:[^"` + "`$" + `]|""|` + "`." + `)*")`
	reverseRe   = regexp.MustCompile(`(?i)\$(\w+)\s*=\s*(?:\[char\[\]\]\s*` + psLitRe + `|` + psLitRe +
		`\s*\.\s*tochararray\(\s*\))\s*[;\n]\s*\[(?:system\.)?array\]\s*::\s*reverse\(\s*\$(\w+)\s*\)\s*;?`)
)

// PSIndex evaluates indexing of a literal: 'abc'[0] -> 'a', and
// ('abc')[-1..-3] or 'abc'[2,1,0] -> ('c','b','a'), the list a reversing
// -join then folds. Out-of-range indices yield nothing, as in PowerShell.
func PSIndex(in string) (string, bool) {
	if !strings.Contains(in, "[") && psencIndexFold(in, ".length") < 0 {
		return in, false
	}
	return psRewrite(in, func(s string, _ int, val string, end int) (string, int, bool) {
		if m := lengthRe.FindStringIndex(s[end:]); m != nil {
			return strconv.Itoa(utf16Len(val)), end + m[1], true
		}
		j := skipSpace(s, end)
		if j >= len(s) || s[j] != '[' {
			return "", 0, false
		}
		k := matchParen(s, j)
		if k < 0 {
			return "", 0, false
		}
		repl, ok := indexString([]rune(val), s[j+1:k])
		return repl, k + 1, ok
	})
}

// indexString applies an index spec (N, N,M,... or N..M) to r. A range
// longer than 4 times the string (plus 64) is refused: it stops
// 'a'[0..9999999] from turning a few bytes into megabytes of list.
func indexString(r []rune, spec string) (string, bool) {
	var idx []int
	if constSpecRe.MatchString(spec) {
		spec = strings.NewReplacer(" ", "", "\t", "", "(", "", ")", "").Replace(spec)
	}
	if m := indexRangeRe.FindStringSubmatch(spec); m != nil {
		lo, _ := strconv.Atoi(m[1])
		hi, _ := strconv.Atoi(m[2])
		if psAbs(hi-lo) > 4*len(r)+64 {
			return "", false
		}
		for i, step := lo, sign(hi-lo); ; i += step {
			idx = append(idx, i)
			if i == hi {
				break
			}
		}
	} else if indexListRe.MatchString(spec) {
		for _, t := range strings.Split(spec, ",") {
			n, _ := strconv.Atoi(strings.TrimSpace(t))
			idx = append(idx, n)
		}
	} else {
		return "", false
	}
	items := make([]string, 0, len(idx))
	for _, i := range idx {
		if i < 0 {
			i += len(r)
		}
		if i >= 0 && i < len(r) {
			items = append(items, psQuote(string(r[i])))
		}
	}
	if len(idx) == 1 && !strings.Contains(spec, "..") {
		return strings.Join(items, ""), len(items) == 1
	}
	return "(" + strings.Join(items, ",") + ")", len(items) > 0
}

// utf16Len is a string's .Length in PowerShell: its UTF-16 code units.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

func sign(n int) int {
	if n < 0 {
		return -1
	}
	return 1
}

// PSArrayReverse evaluates the reversal idiom
// $x = 'abc'.ToCharArray(); [array]::Reverse($x); ... -join $x
// (also $x = [char[]]'abc'): the statements are dropped and the first
// later -join $x, $x -join "" or [string]::Join("", $x) becomes 'cba'.
func PSArrayReverse(in string) (string, bool) {
	if !containsFold(in, "::reverse(") {
		return in, false
	}
	m := reverseRe.FindStringSubmatchIndex(in)
	if m == nil {
		return in, false
	}
	name, used := in[m[2]:m[3]], in[m[8]:m[9]]
	if !strings.EqualFold(name, used) {
		return in, false
	}
	lit := ""
	if m[4] >= 0 {
		lit = in[m[4]:m[5]]
	} else {
		lit = in[m[6]:m[7]]
	}
	v, _, ok := literalAt(lit, 0)
	if !ok {
		return in, false
	}
	rest := in[m[1]:]
	use := regexp.MustCompile(`(?i)-join\s*\$` + regexp.QuoteMeta(name) + `\b|\$` + regexp.QuoteMeta(name) +
		`\s*-join\s*(?:''|"")|\[string\]::join\(\s*(?:''|"")\s*,\s*\$` + regexp.QuoteMeta(name) + `\s*\)`).FindStringIndex(rest)
	if use == nil {
		return in, false
	}
	out := in[:m[0]] + strings.TrimLeft(rest[:use[0]], " \t") + psQuote(reverseRunes(v)) + rest[use[1]:]
	return psResult(in, out)
}

func reverseRunes(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}
