package deobfuscate

import (
	"regexp"
	"strings"
)

func init() {
	register(41, Transform{Name: "ps_join", Lang: "powershell", Fn: PSJoin})
}

var (
	stringJoinRe = regexp.MustCompile(`(?i)^\[(?:system\.)?string\]\s*::\s*join\s*\(`)
	stringCastRe = regexp.MustCompile(`(?i)^\[(?:system\.)?string\]\s*`)
)

// PSJoin folds joins of literal lists into one literal: -join ('a','b'),
// ('a','b') -join "", [string]::Join("", 'a','b') and [string]('a','b')
// (joined with $OFS: a space unless the line sets $OFS to "").
func PSJoin(in string) (string, bool) {
	if !containsFold(in, "join") && !containsFold(in, "string]") {
		return in, false
	}
	ofs := psOFS(in)
	out := in
	for n := 0; n < psMaxRounds; n++ {
		next, ok := scanCode(out, func(s string, i int) (string, int, bool) { return joinAt(s, i, ofs) })
		if !ok || len(next) > maxTransformOutput {
			break
		}
		out = next
	}
	return psResult(in, dropOFSStrings(out))
}

// joinAt recognises a join expression starting at s[i].
func joinAt(s string, i int, ofs string) (string, int, bool) {
	var vals []string
	var e int
	var ok bool
	sep := ""
	switch s[i] {
	case '-':
		if !hasWordFold(s, i+1, "join") || !unaryPosition(s, i) {
			return "", 0, false
		}
		vals, e, ok = listOperand(s, i+5)
	case '(', '@':
		if !operandStart(s, i) {
			return "", 0, false
		}
		vals, e, ok = parenList(s, i)
		if !ok {
			vals, e, ok = rtlCharsAt(s, i)
		}
		if ok {
			sep, e, ok = binaryJoin(s, e)
		}
	case '[':
		return stringJoinAt(s, i, ofs)
	default:
		return "", 0, false
	}
	if !ok || followedByMember(s, e) {
		return "", 0, false
	}
	return psQuote(strings.Join(vals, sep)), e, true
}

// binaryJoin parses "-join 'sep'" at s[i].
func binaryJoin(s string, i int) (string, int, bool) {
	j := skipSpace(s, i)
	if j >= len(s) || s[j] != '-' || !hasWordFold(s, j+1, "join") {
		return "", 0, false
	}
	return literalAt(s, j+5)
}

// stringJoinAt handles [string]::Join(sep, list) and [string](list).
func stringJoinAt(s string, i int, ofs string) (string, int, bool) {
	if loc := stringJoinRe.FindStringIndex(s[i:]); loc != nil {
		sep, e, ok := literalAt(s, i+loc[1])
		e = skipSpace(s, e)
		if !ok || e >= len(s) || s[e] != ',' {
			return "", 0, false
		}
		vals, e, ok := listOperand(s, e+1)
		e = skipSpace(s, e)
		if !ok || e >= len(s) || s[e] != ')' {
			return "", 0, false
		}
		return psQuote(strings.Join(vals, sep)), e + 1, true
	}
	if loc := stringCastRe.FindStringIndex(s[i:]); loc != nil {
		j := i + loc[1]
		vals, e, ok := parenList(s, j)
		if !ok {
			vals, e, ok = rtlCharsAt(s, j)
		}
		if ok && !followedByMember(s, e) {
			return psQuote(strings.Join(vals, ofs)), e, true
		}
		if v, e, ok := literalAt(s, j); ok && !followedByMember(s, e) && !strings.HasPrefix(s[j:], "(") {
			return psQuote(v), e, true // [string]'a' is 'a'
		}
	}
	return "", 0, false
}

// listOperand parses a literal list operand: ('a','b'), @('a','b') or
// 'a','b' (a bare list; for unary -join only its first literal counts).
func listOperand(s string, i int) ([]string, int, bool) {
	j := skipSpace(s, i)
	if vals, e, ok := parenList(s, j); ok {
		return vals, e, true
	}
	if vals, e, ok := rtlCharsAt(s, j); ok {
		return vals, e, true
	}
	vals, e := literalListAt(s, j, false)
	return vals, e, len(vals) > 0
}

// parenList parses ( 'a', 'b' ) or @( ... ) at s[i].
func parenList(s string, i int) ([]string, int, bool) {
	if i < len(s) && s[i] == '@' {
		i++
	}
	if i >= len(s) || s[i] != '(' {
		return nil, 0, false
	}
	// Redundant grouping, ((...)), is the same array. (A list of lists,
	// (('a','b'),('c')), is not: each inner array would be joined with
	// $OFS, so it is left alone.) Depth is bounded by the input length.
	if j := skipSpace(s, i+1); j < len(s) && (s[j] == '(' || s[j] == '@') {
		if vals, e, ok := parenList(s, j); ok {
			if e = skipSpace(s, e); e < len(s) && s[e] == ')' {
				return vals, e + 1, true
			}
		}
		return nil, 0, false
	}
	vals, e := literalListAt(s, i+1, false)
	e = skipSpace(s, e)
	if len(vals) == 0 || e >= len(s) || s[e] != ')' {
		return nil, 0, false
	}
	return vals, e + 1, true
}

// hasWordFold reports whether s[i:] starts with the lower-case word w,
// ignoring case, not followed by a word character.
func hasWordFold(s string, i int, w string) bool {
	if i+len(w) > len(s) || !strings.EqualFold(s[i:i+len(w)], w) {
		return false
	}
	return i+len(w) == len(s) || !isWordByte(s[i+len(w)]) && s[i+len(w)] != '-'
}

// unaryPosition reports whether an operator at s[i] has no left operand:
// the previous non-space byte does not end a value.
func unaryPosition(s string, i int) bool {
	j := i - 1
	for j >= 0 && (s[j] == ' ' || s[j] == '\t') {
		j--
	}
	return j < 0 || !(isWordByte(s[j]) || strings.IndexByte(`)]}'"$`, s[j]) >= 0)
}
