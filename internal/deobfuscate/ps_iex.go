package deobfuscate

import (
	"regexp"
	"strings"
)

func init() {
	register(46, Transform{Name: "ps_iex", Lang: "powershell", Fn: PSInvokeExpression})
}

var (
	iexNameRe    = regexp.MustCompile(`(?i)^(?:iex|invoke-expression)\b`)
	iexCommandRe = regexp.MustCompile(`(?i)^\s*-c(?:o(?:m(?:m(?:a(?:nd?)?)?)?)?)?(?:\s+|:)`)
	pipeIEXRe    = regexp.MustCompile(`(?i)^\s*\|\s*(?:iex|invoke-expression)\b`)
)

// PSInvokeExpression unwraps code run from a single string literal:
// iex 'code', iex('code'), Invoke-Expression -Command "code", 'code' | iex,
// & ('code') and .('code'). The literal's content becomes code. Arguments
// that are not one plain literal (yet) are left for a later pass.
func PSInvokeExpression(in string) (string, bool) {
	if !containsFold(in, "iex") && !containsFold(in, "invoke-expression") &&
		!strings.Contains(in, "&") && !strings.Contains(in, ".(") && !strings.Contains(in, ". (") {
		return in, false
	}
	out, ok := scanCode(in, iexAt)
	if !ok {
		return in, false
	}
	return psResult(in, out)
}

// iexAt recognises one of the invocation forms starting at s[i].
func iexAt(s string, i int) (string, int, bool) {
	switch c := s[i]; {
	case c == '&' || c == '.':
		return callAt(s, i)
	case (c == '(' || c == '\'' || c == '"') && statementStart(s, i):
		return pipeIEXAt(s, i)
	case lowerByte(c) == 'i' && (i == 0 || !isWordByte(s[i-1]) && s[i-1] != '-' && s[i-1] != '$'):
		return iexCallAt(s, i)
	}
	return "", 0, false
}

// iexCallAt handles iex / Invoke-Expression [-Command] <literal>.
func iexCallAt(s string, i int) (string, int, bool) {
	loc := iexNameRe.FindStringIndex(s[i:])
	if loc == nil {
		return "", 0, false
	}
	j := i + loc[1]
	if m := iexCommandRe.FindStringIndex(s[j:]); m != nil {
		j += m[1]
	}
	v, e, ok := literalAt(s, j)
	if !ok || !statementEnd(s, e) {
		return "", 0, false
	}
	return v, e, true
}

// callAt handles & ('code') and .('code') at a statement start. A dot
// after a value is member access instead: $x.('Name') becomes $x.Name.
func callAt(s string, i int) (string, int, bool) {
	j := skipSpace(s, i+1)
	if j >= len(s) || s[j] != '(' {
		return "", 0, false
	}
	v, e, ok := literalAt(s, j)
	if !ok || v == "" {
		return "", 0, false
	}
	if s[i] == '.' && !statementStart(s, i) {
		if !isIdentifier(v) {
			return "", 0, false
		}
		return "." + v, e, true
	}
	if !statementStart(s, i) {
		return "", 0, false
	}
	return v, e, true
}

// pipeIEXAt handles ('code') | iex at a statement start.
func pipeIEXAt(s string, i int) (string, int, bool) {
	v, e, ok := literalAt(s, i)
	if !ok {
		return "", 0, false
	}
	loc := pipeIEXRe.FindStringIndex(s[e:])
	if loc == nil || !statementEnd(s, e+loc[1]) {
		return "", 0, false
	}
	return v, e + loc[1], true
}

// statementStart reports whether s[i] begins a statement or pipeline
// element: only whitespace, ; | ( { = or a newline come before it.
func statementStart(s string, i int) bool {
	j := i - 1
	for j >= 0 && (s[j] == ' ' || s[j] == '\t') {
		j--
	}
	return j < 0 || strings.IndexByte(";|({=\n\r", s[j]) >= 0
}

// statementEnd reports whether the statement ends at s[i].
func statementEnd(s string, i int) bool {
	j := skipSpace(s, i)
	return j >= len(s) || strings.IndexByte(";|)}\n\r", s[j]) >= 0
}

// isIdentifier reports whether v is a bare member or command name.
func isIdentifier(v string) bool {
	for i := 0; i < len(v); i++ {
		if !isWordByte(v[i]) && v[i] != '-' {
			return false
		}
	}
	return v != ""
}
