package deobfuscate

import (
	"regexp"
	"strings"
)

func init() {
	register(35, Transform{Name: "ps_set_variable", Lang: "powershell", Fn: PSSetVariable})
	register(37, Transform{Name: "ps_get_variable", Lang: "powershell", Fn: PSGetVariable})
}

var (
	// setVarRe is the head of Set-Variable [-Name] x [-Value]; the value
	// is parsed by setVarValue.
	setVarRe = regexp.MustCompile(`(?i)^(?:set-variable|sv)\s+(?:-n(?:a(?:me?)?)?\s+)?(?:(\w+)|'(\w+)'|"(\w+)")\s+(?:-va(?:l(?:ue?)?)?\s+)?`)
	// getVariableRe is Get-Variable [-Name] x -ValueOnly in parentheses, or
	// (Get-Variable x).Value.
	getVariableRe = regexp.MustCompile(`(?i)^\(\s*(?:get-variable|variable|gv)\s+(?:-n(?:a(?:me?)?)?\s+)?` +
		`(?:(\w+)|'(\w+)'|"(\w+)"|\(\s*'(\w+)'\s*\)|\(\s*"(\w+)"\s*\))\s*` +
		`(?:\s-v(?:a(?:l(?:u(?:e(?:o(?:n(?:ly?)?)?)?)?)?)?)?\s*\)|\)\s*\.\s*value\b)`)
)

// PSSetVariable turns a Set-Variable statement into the assignment it
// performs: Set-Variable -Name x -Value ('a') -> $x = 'a'. The value must
// be one parenthesised expression, a literal or a variable, and the
// statement must end after it, so that no other parameter (-Scope,
// -Option, -PassThru) changes the meaning.
func PSSetVariable(in string) (string, bool) {
	if psencIndexFold(in, "set-variable") < 0 && psencIndexFold(in, "sv ") < 0 && psencIndexFold(in, "sv\t") < 0 {
		return in, false
	}
	out, ok := scanCode(in, setVarAt)
	if !ok {
		return in, false
	}
	return psResult(in, out)
}

func setVarAt(s string, i int) (string, int, bool) {
	if c := lowerByte(s[i]); c != 's' || !statementStart(s, i) {
		return "", 0, false
	}
	m := setVarRe.FindStringSubmatchIndex(s[i:])
	if m == nil {
		return "", 0, false
	}
	name := ""
	for k := 2; k < 8; k += 2 {
		if m[k] >= 0 {
			name = s[i+m[k] : i+m[k+1]]
		}
	}
	val, e, ok := setVarValue(s, i+m[1])
	if !ok || !lineStatementEnd(s, e) {
		return "", 0, false
	}
	return "$" + name + " = " + val, e, true
}

// setVarValue returns the value expression at s[i]: the inside of a
// parenthesised expression, a string literal or a $variable.
func setVarValue(s string, i int) (string, int, bool) {
	switch {
	case i >= len(s):
		return "", 0, false
	case s[i] == '(':
		k := matchParen(s, i)
		if k < 0 {
			return "", 0, false
		}
		inner := strings.TrimSpace(s[i+1 : k])
		return inner, k + 1, inner != ""
	case s[i] == '\'' || s[i] == '"':
		_, e, _ := scanPSString(s, i)
		return s[i:max(e, i)], e, e > 0
	case s[i] == '$':
		name, e := varName(s, i)
		return s[i:e], e, name != ""
	}
	return "", 0, false
}

// PSGetVariable turns reads through Get-Variable into variable uses:
// (Get-Variable x -ValueOnly), (Variable 'x' -ValueOnly) and
// (Get-Variable x).Value become ($x).
func PSGetVariable(in string) (string, bool) {
	if psencIndexFold(in, "variable") < 0 && psencIndexFold(in, "gv ") < 0 && psencIndexFold(in, "gv\t") < 0 {
		return in, false
	}
	out, ok := scanCode(in, func(s string, i int) (string, int, bool) {
		if s[i] != '(' {
			return "", 0, false
		}
		m := getVariableRe.FindStringSubmatchIndex(s[i:])
		if m == nil {
			return "", 0, false
		}
		for k := 2; k < 12; k += 2 {
			if m[k] >= 0 {
				return "($" + s[i+m[k]:i+m[k+1]] + ")", i + m[1], true
			}
		}
		return "", 0, false
	})
	if !ok {
		return in, false
	}
	return psResult(in, out)
}

// lineStatementEnd reports whether the statement ends at s[i]: only
// blanks before the end of the text, a line break or ; | ) }.
func lineStatementEnd(s string, i int) bool {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i >= len(s) || strings.IndexByte(";|)}\n\r", s[i]) >= 0
}
