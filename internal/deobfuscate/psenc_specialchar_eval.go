package deobfuscate

import (
	"errors"
	"strconv"
	"strings"
)

// A tiny evaluator for the subset of PowerShell that Invoke-Obfuscation's
// ENCODING\SPECIAL CHARACTERS ONLY output is written in: ${...} variables,
// +$() (zero), ++, +, (assignments in parentheses), double-quoted strings
// that expand ${...}, "$(@{})", "$?" and "$()", indexing with [...], and
// "".(name) (a String method's overload text). Nothing is executed; any
// other construct stops the evaluation.

// Evaluation limits. Each stops a way to make this emulator slow or large:
// psencMaxAssign many tiny statements, psencMaxValue strings that double
// in every assignment (${a}=${a}+${a}), psencMaxInt counters that
// overflow.
const (
	psencMaxAssign = 4096
	psencMaxValue  = 1 << 16
	psencMaxInt    = 1 << 20
)

var errPSEncEval = errors.New("unsupported construct")

// psencValue is an evaluated value: a string or an integer.
type psencValue struct {
	s     string
	n     int
	isStr bool
}

func (v psencValue) String() string {
	if v.isStr {
		return v.s
	}
	return strconv.Itoa(v.n)
}

func (v psencValue) Int() (int, error) {
	if !v.isStr {
		return v.n, nil
	}
	return strconv.Atoi(strings.TrimSpace(v.s))
}

// psencTok is one token: kind is 'v' (variable, text is its raw name),
// 's' (double-quoted string, raw content), 'q' (single-quoted), 'n'
// (number), 'z' ($(), the empty subexpression), 'w' (other word) or the
// punctuation itself ('+' for "+", 'i' for "++", '=' ...).
type psencTok struct {
	kind byte
	text string
}

// psencLex cuts s into tokens. It fails on an unterminated string or
// variable.
func psencLex(s string) ([]psencTok, error) {
	var toks []psencTok
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			i++
		case c == '$' && i+1 < len(s) && s[i+1] == '{':
			end := psencBraceEnd(s, i+2)
			if end < 0 {
				return nil, errPSEncEval
			}
			toks, i = append(toks, psencTok{'v', s[i+2 : end]}), end+1
		case c == '$' && i+1 < len(s) && s[i+1] == '(':
			j := psencSkipSpace(s, i+2)
			if j >= len(s) || s[j] != ')' {
				return nil, errPSEncEval
			}
			toks, i = append(toks, psencTok{'z', ""}), j+1
		case c == '"':
			end := psencDQEnd(s, i+1)
			if end < 0 {
				return nil, errPSEncEval
			}
			toks, i = append(toks, psencTok{'s', s[i+1 : end]}), end+1
		case c == '\'':
			end, _ := psencQuoteEnd(s, i+1)
			if end < 0 {
				return nil, errPSEncEval
			}
			toks, i = append(toks, psencTok{'q', s[i+1 : end]}), end+1
		case c == '+' && i+1 < len(s) && s[i+1] == '+':
			toks, i = append(toks, psencTok{'i', "++"}), i+2
		case c >= '0' && c <= '9':
			j := i
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			toks, i = append(toks, psencTok{'n', s[i:j]}), j
		case psencAlnum(c) || c == '-' || c == '_':
			j := i
			for j < len(s) && (psencAlnum(s[j]) || s[j] == '-' || s[j] == '_') {
				j++
			}
			toks, i = append(toks, psencTok{'w', s[i:j]}), j
		default:
			toks, i = append(toks, psencTok{c, s[i : i+1]}), i+1
		}
	}
	return toks, nil
}

// psencBraceEnd returns the index of the brace closing a ${...} name that
// starts at from; a backtick escapes the next character.
func psencBraceEnd(s string, from int) int {
	for j := from; j < len(s); j++ {
		switch s[j] {
		case '`':
			j++
		case '}':
			return j
		}
	}
	return -1
}

// psencDQEnd returns the index of the quote closing a double-quoted string
// whose content starts at from; a backtick escapes the next character.
func psencDQEnd(s string, from int) int {
	for j := from; j < len(s); j++ {
		switch s[j] {
		case '`':
			j++
		case '"':
			return j
		}
	}
	return -1
}

// psencEval evaluates assignments over a token stream.
type psencEval struct {
	toks    []psencTok
	pos     int
	env     map[string]psencValue
	assigns int
}

func (e *psencEval) peek(k int) byte {
	if e.pos+k < len(e.toks) {
		return e.toks[e.pos+k].kind
	}
	return 0
}

func (e *psencEval) next() psencTok {
	t := e.toks[e.pos]
	e.pos++
	return t
}

func (e *psencEval) expect(kind byte) error {
	if e.peek(0) != kind {
		return errPSEncEval
	}
	e.pos++
	return nil
}

// run evaluates every top-level assignment in order and skips all other
// tokens (pipes, script blocks, the final invocation).
func (e *psencEval) run() error {
	for e.pos < len(e.toks) {
		if e.peek(0) == 'v' && e.peek(1) == '=' {
			if _, err := e.primary(); err != nil {
				return err
			}
			continue
		}
		e.pos++
	}
	return nil
}

// expr := unary { '+' unary }
func (e *psencEval) expr() (psencValue, error) {
	v, err := e.unary()
	for err == nil && e.peek(0) == '+' {
		e.pos++
		var r psencValue
		if r, err = e.unary(); err == nil {
			v, err = psencAdd(v, r)
		}
	}
	return v, err
}

// unary := '+' unary | '++' var | postfix
func (e *psencEval) unary() (psencValue, error) {
	switch e.peek(0) {
	case '+':
		e.pos++
		v, err := e.unary()
		if err != nil {
			return v, err
		}
		n, err := v.Int()
		return psencValue{n: n}, err
	case 'i':
		e.pos++
		if e.peek(0) != 'v' {
			return psencValue{}, errPSEncEval
		}
		name := e.next().text
		n, err := e.env[name].Int()
		if err != nil || n >= psencMaxInt {
			return psencValue{}, errPSEncEval
		}
		e.env[name] = psencValue{n: n + 1}
		return e.env[name], nil
	}
	return e.postfix()
}

// postfix := primary { '[' expr ']' | '.' '(' expr ')' }
func (e *psencEval) postfix() (psencValue, error) {
	v, err := e.primary()
	for err == nil {
		switch {
		case e.peek(0) == '[':
			e.pos++
			var idx psencValue
			if idx, err = e.expr(); err == nil {
				if err = e.expect(']'); err == nil {
					v, err = psencIndex(v, idx)
				}
			}
		case e.peek(0) == '.' && e.peek(1) == '(':
			e.pos += 2
			var name psencValue
			if name, err = e.expr(); err == nil {
				if err = e.expect(')'); err == nil {
					v, err = psencMethodText(name.String())
				}
			}
		default:
			return v, nil
		}
	}
	return v, err
}

// primary := var ['=' expr] | '(' expr ')' | string | number | $()
func (e *psencEval) primary() (psencValue, error) {
	if e.pos >= len(e.toks) {
		return psencValue{}, errPSEncEval
	}
	t := e.next()
	switch t.kind {
	case 'v':
		if e.peek(0) == '=' {
			return e.assign(t.text)
		}
		v, ok := e.env[t.text]
		if !ok {
			return v, errPSEncEval
		}
		return v, nil
	case '(':
		v, err := e.expr()
		if err == nil {
			err = e.expect(')')
		}
		return v, err
	case 's':
		s, err := e.expand(t.text, psencMaxValue)
		return psencValue{s: s, isStr: true}, err
	case 'q':
		return psencValue{s: t.text, isStr: true}, nil
	case 'n':
		n, err := strconv.Atoi(t.text)
		if err != nil || n >= psencMaxInt {
			return psencValue{}, errPSEncEval
		}
		return psencValue{n: n}, nil
	case 'z':
		return psencValue{}, nil
	}
	return psencValue{}, errPSEncEval
}

func (e *psencEval) assign(name string) (psencValue, error) {
	e.pos++ // '='
	if e.assigns++; e.assigns > psencMaxAssign {
		return psencValue{}, errPSEncEval
	}
	v, err := e.expr()
	if err == nil {
		e.env[name] = v
	}
	return v, err
}

// expand interpolates a double-quoted string: ${name}, $(@{}), $() and $?.
// The result may not pass limit bytes.
func (e *psencEval) expand(raw string, limit int) (string, error) {
	var b strings.Builder
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case c == '`' && i+1 < len(raw):
			i++
			b.WriteByte(raw[i])
		case c == '$' && i+1 < len(raw) && raw[i+1] == '{':
			end := psencBraceEnd(raw, i+2)
			v, ok := e.env[raw[i+2:max(end, i+2)]]
			if end < 0 || !ok {
				return "", errPSEncEval
			}
			b.WriteString(v.String())
			i = end
		case c == '$' && i+1 < len(raw) && raw[i+1] == '?':
			b.WriteString("True")
			i++
		case c == '$' && i+1 < len(raw) && raw[i+1] == '(':
			s, end, err := psencSubexpr(raw, i+2)
			if err != nil {
				return "", err
			}
			b.WriteString(s)
			i = end
		default:
			b.WriteByte(c)
		}
		if b.Len() > limit {
			return "", errPSEncEval
		}
	}
	return b.String(), nil
}

// psencSubexpr evaluates the two subexpressions the encoding puts in
// strings: $() is empty and $(@{}) prints an empty hashtable's type name.
// It returns the text and the index of the closing paren.
func psencSubexpr(s string, from int) (string, int, error) {
	j := psencSkipSpace(s, from)
	if j < len(s) && s[j] == ')' {
		return "", j, nil
	}
	if j+1 >= len(s) || s[j] != '@' || s[j+1] != '{' {
		return "", 0, errPSEncEval
	}
	j = psencSkipSpace(s, j+2)
	if j >= len(s) || s[j] != '}' {
		return "", 0, errPSEncEval
	}
	j = psencSkipSpace(s, j+1)
	if j >= len(s) || s[j] != ')' {
		return "", 0, errPSEncEval
	}
	return "System.Collections.Hashtable", j, nil
}

// psencAdd is PowerShell's +: string concatenation when the left side is a
// string, integer addition otherwise.
func psencAdd(l, r psencValue) (psencValue, error) {
	if l.isStr {
		if len(l.s)+len(r.String()) > psencMaxValue {
			return psencValue{}, errPSEncEval
		}
		return psencValue{s: l.s + r.String(), isStr: true}, nil
	}
	n, err := r.Int()
	if err != nil || l.n+n >= psencMaxInt || l.n+n <= -psencMaxInt {
		return psencValue{}, errPSEncEval
	}
	return psencValue{n: l.n + n}, nil
}

// psencIndex is s[i] on a string: a one-character string.
func psencIndex(v, idx psencValue) (psencValue, error) {
	i, err := idx.Int()
	if err != nil || !v.isStr || i < 0 || i >= len(v.s) {
		return psencValue{}, errPSEncEval
	}
	return psencValue{s: v.s[i : i+1], isStr: true}, nil
}

// psencMethodText is what "".(name) prints: the overload definition of a
// String method. Only the method the encoding uses is known.
func psencMethodText(name string) (psencValue, error) {
	if strings.EqualFold(name, "insert") {
		return psencValue{s: "string Insert(int startIndex, string value)", isStr: true}, nil
	}
	return psencValue{}, errPSEncEval
}
