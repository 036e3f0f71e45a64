package deobfuscate

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// This file holds the small PowerShell lexing helpers the ps_* transforms
// share: string literals, bracket matching, quoting and case-insensitive
// search. They are usable by any transform in the package.

// scanPSString parses the PowerShell string literal that starts at s[i]
// (' or "). It returns the literal's value, the index just past the closing
// quote (-1 when the literal is unterminated) and whether it is a plain
// literal: false for a double-quoted string that interpolates ($x, $(...)).
// Single quotes escape themselves by doubling; double-quoted strings know the
// backtick escapes and "".
func scanPSString(s string, i int) (val string, end int, literal bool) {
	if i >= len(s) {
		return "", -1, false
	}
	switch s[i] {
	case '\'':
		return scanSingle(s, i+1)
	case '"':
		return scanDouble(s, i+1)
	}
	return "", -1, false
}

func scanSingle(s string, i int) (string, int, bool) {
	var b strings.Builder
	for i < len(s) {
		j := strings.IndexByte(s[i:], '\'')
		if j < 0 {
			return "", -1, false
		}
		b.WriteString(s[i : i+j])
		i += j + 1
		if i < len(s) && s[i] == '\'' {
			b.WriteByte('\'')
			i++
			continue
		}
		return b.String(), i, true
	}
	return "", -1, false
}

func scanDouble(s string, i int) (string, int, bool) {
	var b strings.Builder
	literal := true
	for i < len(s) {
		c := s[i]
		switch {
		case c == '`' && i+1 < len(s):
			r, n := utf8.DecodeRuneInString(s[i+1:])
			b.WriteString(backtickEscape(r))
			i += 1 + n
		case c == '"' && i+1 < len(s) && s[i+1] == '"':
			b.WriteByte('"')
			i += 2
		case c == '"':
			return b.String(), i + 1, literal
		case c == '$' && i+1 < len(s) && isVarStart(s[i+1]):
			literal = false
			b.WriteByte(c)
			i++
		default:
			b.WriteByte(c)
			i++
		}
	}
	return "", -1, false
}

// backtickEscape returns what `r means inside a double-quoted string.
func backtickEscape(r rune) string {
	switch r {
	case '0':
		return "\x00"
	case 'a':
		return "\a"
	case 'b':
		return "\b"
	case 'e':
		return "\x1b"
	case 'f':
		return "\f"
	case 'n':
		return "\n"
	case 'r':
		return "\r"
	case 't':
		return "\t"
	case 'v':
		return "\v"
	}
	return string(r)
}

// isVarStart reports whether c after '$' starts a variable or
// subexpression inside a double-quoted string.
func isVarStart(c byte) bool {
	return isWordByte(c) || c == '{' || c == '(' || c == '?' || c == '$' || c == '^'
}

func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// matchParen returns the index of the bracket closing the one at s[i]
// ('(', '[' or '{'), or -1. String literals are skipped and a backtick
// escapes the next character, as in PowerShell.
func matchParen(s string, i int) int {
	if i >= len(s) {
		return -1
	}
	open := s[i]
	var closer byte
	switch open {
	case '(':
		closer = ')'
	case '[':
		closer = ']'
	case '{':
		closer = '}'
	default:
		return -1
	}
	depth := 0
	for j := i; j < len(s); j++ {
		switch c := s[j]; c {
		case '`':
			j++
		case '\'', '"':
			if _, end, _ := scanPSString(s, j); end > 0 {
				j = end - 1
			}
		case open:
			depth++
		case closer:
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return -1
}

// psQuote returns v as a single-quoted PowerShell literal. Every kind of
// single quote PowerShell recognises is doubled.
func psQuote(v string) string {
	if !strings.ContainsAny(v, "'\u2018\u2019\u201a\u201b") {
		return "'" + v + "'"
	}
	var b strings.Builder
	b.WriteByte('\'')
	for _, r := range v {
		switch r {
		case '\'', '\u2018', '\u2019', '\u201a', '\u201b':
			b.WriteRune(r)
		}
		b.WriteRune(r)
	}
	b.WriteByte('\'')
	return b.String()
}

// skipSpace returns the index of the first non-whitespace byte at or after i.
func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n') {
		i++
	}
	return i
}

// literalAt parses a string literal at s[i], optionally wrapped in
// parentheses: 'a', ("a"), (( 'a' )). It returns the value and the index
// just past the literal (or its closing parenthesis).
func literalAt(s string, i int) (string, int, bool) {
	i = skipSpace(s, i)
	if i < len(s) && s[i] == '(' {
		v, end, ok := literalAt(s, i+1)
		if !ok {
			return "", 0, false
		}
		end = skipSpace(s, end)
		if end >= len(s) || s[end] != ')' {
			return "", 0, false
		}
		return v, end + 1, true
	}
	v, end, lit := scanPSString(s, i)
	if end < 0 || !lit {
		return "", 0, false
	}
	return v, end, true
}

// literalListAt parses a comma-separated list of string literals (and
// decimal integers when ints is set) starting at s[i]. It stops at the
// first item that is not one and returns the values and the end index.
func literalListAt(s string, i int, ints bool) ([]string, int) {
	var vals []string
	end := i
	for {
		v, e, ok := literalAt(s, i)
		if !ok && ints {
			v, e, ok = intAt(s, i)
		}
		if !ok {
			return vals, end
		}
		vals, end = append(vals, v), e
		j := skipSpace(s, e)
		if j >= len(s) || s[j] != ',' {
			return vals, end
		}
		i = j + 1
	}
}

// intAt parses a decimal or 0x integer at s[i] (after spaces) and returns
// its decimal text.
func intAt(s string, i int) (string, int, bool) {
	i = skipSpace(s, i)
	j := i
	for j < len(s) && (isWordByte(s[j])) {
		j++
	}
	n, ok := parseInt(s[i:j])
	if !ok {
		return "", 0, false
	}
	return strconv.FormatInt(n, 10), j, true
}

// parseInt parses a decimal or 0x hexadecimal integer up to 0x10FFFF*16.
// The bound keeps every number a transform turns into text small.
func parseInt(t string) (int64, bool) {
	base := 10
	if len(t) > 2 && (t[:2] == "0x" || t[:2] == "0X") {
		t, base = t[2:], 16
	}
	if t == "" || len(t) > 9 {
		return 0, false
	}
	n, err := strconv.ParseInt(t, base, 64)
	return n, err == nil
}

// followedByMember reports whether s[i:] continues with member access or
// indexing ('.' or '['), which binds tighter than any operator.
func followedByMember(s string, i int) bool {
	i = skipSpace(s, i)
	return i < len(s) && (s[i] == '.' && !strings.HasPrefix(s[i:], "..") || s[i] == '[')
}

// indexFold returns the index of the first occurrence of the lower-case
// ASCII string sub in s, ignoring ASCII case, or -1.
func indexFold(s, sub string) int {
	if sub == "" {
		return 0
	}
	c0 := sub[0]
	for i := 0; i+len(sub) <= len(s); i++ {
		if lowerByte(s[i]) == c0 && strings.EqualFold(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

// containsFold reports whether s contains the lower-case ASCII string sub,
// ignoring ASCII case.
func containsFold(s, sub string) bool { return indexFold(s, sub) >= 0 }

func lowerByte(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
