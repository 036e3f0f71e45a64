package deobfuscate

import (
	"regexp"
	"strings"
)

// This file holds the scanners the ps_* transforms share: walks over a
// script that skip string literals and rewrite code or literal operands.

// mapCode applies fn to every stretch of s outside string literals and
// returns the result; literals are copied unchanged. An unterminated quote
// is treated as code.
func mapCode(s string, fn func(code string) string) string {
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '`' {
			i++
			continue
		}
		if c != '\'' && c != '"' {
			continue
		}
		_, end, _ := scanPSString(s, i)
		if end < 0 {
			continue
		}
		b.WriteString(fn(s[last:i]))
		b.WriteString(s[i:end])
		last, i = end, end-1
	}
	b.WriteString(fn(s[last:]))
	return b.String()
}

// replaceCode is regexp.ReplaceAllStringFunc applied only outside string
// literals, for patterns that contain no quotes.
func replaceCode(s string, re *regexp.Regexp, fn func(string) string) string {
	return mapCode(s, func(code string) string { return re.ReplaceAllStringFunc(code, fn) })
}

// operandFunc rewrites the expression that starts with the literal operand
// s[start:end] (value val). It returns the replacement, the end of the text
// it replaces and whether it applies.
type operandFunc func(s string, start int, val string, end int) (string, int, bool)

// rewriteOperands scans s left to right for string-literal operands ('a',
// "a", ('a')) outside other literals and lets fn rewrite the expression
// starting at each. Interpolating strings are skipped whole.
func rewriteOperands(s string, fn operandFunc) (string, bool) {
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '`':
			i++
			continue
		case '\'', '"':
		case '(':
			if !operandStart(s, i) {
				continue
			}
		default:
			continue
		}
		val, end, ok := literalAt(s, i)
		if !ok {
			if _, e, _ := scanPSString(s, i); e > 0 {
				i = e - 1
			}
			continue
		}
		repl, e, ok := fn(s, i, val, end)
		if !ok {
			if s[i] != '(' {
				i = end - 1
			}
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(repl)
		last, i = e, e-1
	}
	if last == 0 {
		return s, false
	}
	b.WriteString(s[last:])
	return b.String(), true
}

// psRewrite applies rewriteOperands in rounds until nothing changes (at
// most psMaxRounds) and checks the result is bounded.
func psRewrite(in string, fn operandFunc) (string, bool) {
	out := in
	for n := 0; n < psMaxRounds; n++ {
		next, ok := rewriteOperands(out, fn)
		if !ok || len(next) > maxTransformOutput {
			break
		}
		out = next
	}
	return psResult(in, out)
}

// operandStart reports whether the '(' at s[i] opens an expression rather
// than a method call's argument list: the previous non-space byte is not
// ']' or ')', nor a word character touching the parenthesis unless that
// word is an operator (-join('a')).
func operandStart(s string, i int) bool {
	j := i - 1
	for j >= 0 && (s[j] == ' ' || s[j] == '\t') {
		j--
	}
	if j < 0 || s[j] == ']' || s[j] == ')' {
		return j < 0
	}
	if !isWordByte(s[j]) || j < i-1 {
		return true // after a command name, "cmd (expr)" is an argument
	}
	for j >= 0 && isWordByte(s[j]) {
		j--
	}
	return j >= 0 && s[j] == '-' && (j == 0 || !isWordByte(s[j-1]))
}

// scanCode walks s outside string literals and lets fn rewrite the text
// starting at each position (a literal's opening quote included, before the
// literal is skipped): fn returns the replacement, the end of the
// text it replaces and whether it applies.
func scanCode(s string, fn func(s string, i int) (string, int, bool)) (string, bool) {
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '`':
			i++
			continue
		}
		repl, e, ok := fn(s, i)
		if !ok || e <= i {
			if s[i] == '\'' || s[i] == '"' {
				if _, e, _ := scanPSString(s, i); e > 0 {
					i = e - 1
				}
			}
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(repl)
		last, i = e, e-1
	}
	if last == 0 {
		return s, false
	}
	b.WriteString(s[last:])
	return b.String(), true
}
