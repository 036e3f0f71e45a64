package parse

import (
	"strings"
	"unicode/utf8"
)

// stepSh lexes one sh/bash construct that is not whitespace or an operator.
func (lx *lexer) stepSh(c byte) {
	s := lx.s
	switch {
	case c == '\\':
		if lx.i+1 < len(s) && s[lx.i+1] != '\n' {
			lx.add(s[lx.i+1])
		}
		lx.i += 2
	case c == '\'':
		end := strings.IndexByte(s[lx.i+1:], '\'')
		lx.quotedRun(lx.i+1, end, 1)
	case c == '"':
		lx.shDouble()
	case c == '$' && lx.i+1 < len(s) && s[lx.i+1] == '\'':
		lx.ansiC()
	case c == '$' && lx.i+1 < len(s) && (s[lx.i+1] == '(' || s[lx.i+1] == '{'):
		lx.nested(lx.i+1, s[lx.i+1] == '(')
	case c == '<': // <( ... ) process substitution
		lx.nested(lx.i+1, true)
	case c == '`':
		lx.backquote()
	case c == '#' && !lx.inWord:
		lx.comment()
	default:
		lx.plain(shSpecial)
	}
}

// stepPS lexes one PowerShell construct.
func (lx *lexer) stepPS(c byte) {
	s := lx.s
	switch {
	case c == '`':
		if lx.i+1 < len(s) && s[lx.i+1] != '\n' {
			lx.add(s[lx.i+1])
		}
		lx.i += 2
	case c == '\'':
		lx.psSingle()
	case c == '"':
		lx.psDouble()
	case c == '$' && lx.i+1 < len(s) && s[lx.i+1] == '(':
		lx.nested(lx.i+1, true)
	case c == '(' || c == '{':
		lx.nested(lx.i, !lx.inWord || c == '{')
	case c == '#' && !lx.inWord:
		lx.comment()
	default:
		lx.plain(psSpecial)
	}
}

// stepCmd lexes one cmd.exe construct.
func (lx *lexer) stepCmd(c byte) {
	switch c {
	case '^':
		if lx.i+1 < len(lx.s) {
			lx.add(lx.s[lx.i+1])
		}
		lx.i += 2
	case '"':
		end := strings.IndexByte(lx.s[lx.i+1:], '"')
		lx.quotedRun(lx.i+1, end, 1)
	default:
		lx.plain(cmdSpecial)
	}
}

// Bytes that end a plain run in each dialect (whitespace and operators
// included).
const (
	shSpecial  = " \t\r\n\f\v|&;<>()\\'\"$`#"
	psSpecial  = " \t\r\n\f\v|&;<>`'\"$({#"
	cmdSpecial = " \t\r\n\f\v|&<>()^\""
)

// plain adds the run of ordinary bytes at lx.i (at least one byte).
func (lx *lexer) plain(special string) {
	j := lx.i + 1
	for j < len(lx.s) && strings.IndexByte(special, lx.s[j]) < 0 {
		j++
	}
	lx.addStr(lx.s[lx.i:j])
	lx.i = j
}

// quotedRun adds s[from:from+n] literally (n < 0: unterminated, to the
// end) and skips the closing quote of width w.
func (lx *lexer) quotedRun(from, n, w int) {
	if n < 0 {
		n, w = len(lx.s)-from, 0
	}
	lx.addStr(lx.s[from : from+n])
	lx.quoted = true
	lx.i = from + n + w
}

func (lx *lexer) comment() {
	end := strings.IndexByte(lx.s[lx.i:], '\n')
	if end < 0 {
		lx.i = len(lx.s)
		return
	}
	lx.i += end
}

// nested adds the balanced group that opens at s[open] to the word as
// text and, when record is set, remembers its body as a subshell.
func (lx *lexer) nested(open int, record bool) {
	end, closed := scanBalanced(lx.s, open, lx.d)
	lx.addStr(lx.s[lx.i:end])
	if record && len(lx.subs) < maxSubshells {
		bodyEnd := end
		if closed {
			bodyEnd--
		}
		if body := lx.s[open+1 : bodyEnd]; strings.TrimSpace(body) != "" {
			lx.subs = append(lx.subs, body)
		}
	}
	lx.i = end
}

func (lx *lexer) backquote() {
	j := lx.i + 1
	for j < len(lx.s) && lx.s[j] != '`' {
		if lx.s[j] == '\\' {
			j++
		}
		j++
	}
	end := min(j+1, len(lx.s))
	lx.addStr(lx.s[lx.i:end])
	if body := lx.s[lx.i+1 : min(j, len(lx.s))]; strings.TrimSpace(body) != "" && len(lx.subs) < maxSubshells {
		lx.subs = append(lx.subs, body)
	}
	lx.i = end
}

// shDouble lexes "..." in sh: \ escapes only $ ` " \ and newline; $(...)
// and `...` are kept as text and recorded.
func (lx *lexer) shDouble() {
	s := lx.s
	lx.i++
	lx.inWord, lx.quoted = true, true
	for lx.i < len(s) {
		c := s[lx.i]
		switch {
		case c == '"':
			lx.i++
			return
		case c == '\\' && lx.i+1 < len(s) && strings.IndexByte("$`\"\\\n", s[lx.i+1]) >= 0:
			if s[lx.i+1] != '\n' {
				lx.add(s[lx.i+1])
			}
			lx.i += 2
		case c == '$' && lx.i+1 < len(s) && s[lx.i+1] == '(':
			lx.nested(lx.i+1, true)
		case c == '`':
			lx.backquote()
		default:
			lx.add(c)
			lx.i++
		}
	}
}

// psSingle lexes '...' in PowerShell, where ” is a literal quote.
func (lx *lexer) psSingle() {
	s := lx.s
	lx.i++
	lx.inWord, lx.quoted = true, true
	for lx.i < len(s) {
		if s[lx.i] == '\'' {
			if lx.i+1 < len(s) && s[lx.i+1] == '\'' {
				lx.add('\'')
				lx.i += 2
				continue
			}
			lx.i++
			return
		}
		lx.add(s[lx.i])
		lx.i++
	}
}

// psDouble lexes "..." in PowerShell: backtick escapes, "" is a quote,
// $(...) is kept as text and recorded.
func (lx *lexer) psDouble() {
	s := lx.s
	lx.i++
	lx.inWord, lx.quoted = true, true
	for lx.i < len(s) {
		c := s[lx.i]
		switch {
		case c == '"' && lx.i+1 < len(s) && s[lx.i+1] == '"':
			lx.add('"')
			lx.i += 2
		case c == '"':
			lx.i++
			return
		case c == '`' && lx.i+1 < len(s):
			lx.add(psEscape(s[lx.i+1]))
			lx.i += 2
		case c == '$' && lx.i+1 < len(s) && s[lx.i+1] == '(':
			lx.nested(lx.i+1, true)
		default:
			lx.add(c)
			lx.i++
		}
	}
}

func psEscape(c byte) byte {
	switch c {
	case 'n':
		return '\n'
	case 't':
		return '\t'
	case 'r':
		return '\r'
	case '0':
		return ' ' // NUL would only confuse what reads the value
	case 'a', 'b', 'e', 'f', 'v':
		return ' '
	}
	return c
}

// ansiC lexes $'...' with its C escapes.
func (lx *lexer) ansiC() {
	s := lx.s
	lx.i += 2
	lx.inWord, lx.quoted = true, true
	for lx.i < len(s) && s[lx.i] != '\'' {
		if s[lx.i] != '\\' || lx.i+1 >= len(s) {
			lx.add(s[lx.i])
			lx.i++
			continue
		}
		lx.i += 1 + lx.ansiEscape(s[lx.i+1:])
	}
	lx.i++
}

// ansiEscape decodes the escape at the start of t (after the backslash)
// and returns how many bytes it used.
func (lx *lexer) ansiEscape(t string) int {
	switch t[0] {
	case 'n':
		lx.add('\n')
	case 't':
		lx.add('\t')
	case 'r':
		lx.add('\r')
	case 'a', 'b', 'e', 'E', 'f', 'v':
		lx.add(' ')
	case 'x':
		v, n := hexVal(t[1:], 2)
		lx.addRune(v, n)
		return 1 + n
	case 'u', 'U':
		width := 4
		if t[0] == 'U' {
			width = 8
		}
		v, n := hexVal(t[1:], width)
		lx.addRune(v, n)
		return 1 + n
	case '0', '1', '2', '3', '4', '5', '6', '7':
		v, n := octVal(t, 3)
		lx.addRune(v, n)
		return n
	default:
		lx.add(t[0])
	}
	return 1
}

func (lx *lexer) addRune(v rune, n int) {
	if n == 0 || v == 0 {
		return
	}
	if v < utf8.RuneSelf {
		lx.add(byte(v))
		return
	}
	lx.buf = utf8.AppendRune(lx.buf, v)
	lx.inWord = true
}

func hexVal(s string, max int) (rune, int) {
	var v rune
	n := 0
	for n < max && n < len(s) && isHex(s[n]) {
		v = v*16 + rune(unhex(s[n]))
		n++
	}
	if v > utf8.MaxRune {
		v = utf8.RuneError
	}
	return v, n
}

func octVal(s string, max int) (rune, int) {
	var v rune
	n := 0
	for n < max && n < len(s) && s[n] >= '0' && s[n] <= '7' {
		v = v*8 + rune(s[n]-'0')
		n++
	}
	return v, n
}

func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// scanBalanced returns the index just past the bracket that closes the
// one at s[open], skipping quoted text, and whether it was closed. It uses
// a counter, not recursion, so "$($($(..." cannot exhaust the stack.
func scanBalanced(s string, open int, d dialect) (end int, closed bool) {
	o := s[open]
	c := byte(')')
	if o == '{' {
		c = '}'
	}
	esc := byte('\\')
	if d == dialectPS {
		esc = '`'
	}
	depth := 0
	for i := open; i < len(s); i++ {
		switch s[i] {
		case o:
			depth++
		case c:
			depth--
			if depth == 0 {
				return i + 1, true
			}
		case esc:
			i++
		case '\'', '"':
			i = skipQuote(s, i, esc)
		}
	}
	return len(s), false
}

// skipQuote returns the index of the quote that closes the one at s[i].
func skipQuote(s string, i int, esc byte) int {
	q := s[i]
	for j := i + 1; j < len(s); j++ {
		if s[j] == esc && q == '"' {
			j++
			continue
		}
		if s[j] == q {
			return j
		}
	}
	return len(s)
}
