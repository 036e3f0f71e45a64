package parse

import "strings"

// dialect is the tokenising grammar.
type dialect uint8

const (
	dialectSh dialect = iota
	dialectPS
	dialectCmd
)

func (d dialect) String() string {
	switch d {
	case dialectPS:
		return "powershell"
	case dialectCmd:
		return "cmd"
	}
	return "sh"
}

type tokKind uint8

const (
	tWord     tokKind = iota
	tPipe             // | |&
	tChain            // ; && || & newline
	tRedir            // > >> 2> 2>&1 &> < <<< <<
	tGroupIn          // ( at command position (sh, cmd)
	tGroupOut         // the matching )
)

// token is one lexical unit. val is the shell value of a word (quotes
// removed, escapes applied; $(...) and PowerShell (...) kept as text).
type token struct {
	val    string
	kind   tokKind
	quoted bool
}

// lexer tokenises one dialect. It is a single forward scan: every byte is
// visited a bounded number of times, so time is linear in the input.
type lexer struct {
	s      string
	i      int
	d      dialect
	toks   []token
	subs   []string // subshell / script-block bodies, in order
	buf    []byte
	inWord bool
	quoted bool
	group  int // open ( groups at command level
}

func lex(s string, d dialect) (toks []token, subs []string) {
	lx := lexer{s: s, d: d, toks: make([]token, 0, 16)}
	for lx.i < len(lx.s) && len(lx.toks) < maxTokens {
		lx.step()
	}
	lx.endWord()
	return lx.toks, lx.subs
}

// atCommand reports whether the next word starts a command.
func (lx *lexer) atCommand() bool {
	if lx.inWord {
		return false
	}
	if len(lx.toks) == 0 {
		return true
	}
	k := lx.toks[len(lx.toks)-1].kind
	return k == tPipe || k == tChain || k == tGroupIn
}

func (lx *lexer) endWord() {
	if !lx.inWord {
		return
	}
	lx.toks = append(lx.toks, token{val: string(lx.buf), quoted: lx.quoted})
	lx.buf, lx.inWord, lx.quoted = lx.buf[:0], false, false
}

func (lx *lexer) op(kind tokKind, n int) {
	lx.endWord()
	lx.toks = append(lx.toks, token{val: lx.s[lx.i : lx.i+n], kind: kind})
	lx.i += n
}

func (lx *lexer) add(b ...byte) {
	lx.buf = append(lx.buf, b...)
	lx.inWord = true
}

func (lx *lexer) addStr(s string) {
	lx.buf = append(lx.buf, s...)
	lx.inWord = true
}

func (lx *lexer) step() {
	c := lx.s[lx.i]
	switch {
	case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
		lx.endWord()
		lx.i++
	case c == '\n':
		lx.op(tChain, 1)
	case lx.operator(c):
	default:
		switch lx.d {
		case dialectPS:
			lx.stepPS(c)
		case dialectCmd:
			lx.stepCmd(c)
		default:
			lx.stepSh(c)
		}
	}
}

// operator lexes |, &, ;, <, >, ( and ) where the dialect treats them as
// operators, and reports whether it consumed anything.
func (lx *lexer) operator(c byte) bool {
	rest := lx.s[lx.i:]
	switch c {
	case '|':
		if len(rest) > 1 && rest[1] == '|' {
			lx.op(tChain, 2)
		} else if len(rest) > 1 && rest[1] == '&' && lx.d == dialectSh {
			lx.op(tPipe, 2)
		} else {
			lx.op(tPipe, 1)
		}
	case '&':
		return lx.ampersand(rest)
	case ';':
		if lx.d == dialectCmd {
			return false
		}
		lx.op(tChain, 1)
	case '<', '>':
		return lx.redirect(rest)
	case '(':
		if lx.d == dialectPS || !lx.atCommand() {
			return false
		}
		lx.op(tGroupIn, 1)
		lx.group++
	case ')':
		if lx.d == dialectPS || lx.group == 0 {
			return false
		}
		lx.op(tGroupOut, 1)
		lx.group--
	default:
		return false
	}
	return true
}

func (lx *lexer) ampersand(rest string) bool {
	switch {
	case len(rest) > 1 && rest[1] == '&':
		lx.op(tChain, 2)
	case lx.d == dialectSh && len(rest) > 1 && rest[1] == '>':
		n := 2
		if len(rest) > 2 && rest[2] == '>' {
			n = 3
		}
		lx.op(tRedir, n)
	case lx.d == dialectPS && lx.atCommand():
		// PowerShell's call operator: & 'C:\x.exe' args.
		lx.endWord()
		lx.toks = append(lx.toks, token{val: "&"})
		lx.i++
	default:
		lx.op(tChain, 1)
	}
	return true
}

// redirect lexes a redirection, taking a pending all-digit word (2>) or
// PowerShell's * (*>) as its file-descriptor prefix.
func (lx *lexer) redirect(rest string) bool {
	if lx.d == dialectSh && len(rest) > 1 && rest[0] == '<' && rest[1] == '(' {
		return false // process substitution, lexed as a word
	}
	if lx.d == dialectPS && len(rest) > 1 && rest[0] == '<' && rest[1] == '#' {
		lx.endWord()
		end := strings.Index(rest, "#>")
		if end < 0 {
			end = len(rest) - 2
		}
		lx.i += end + 2 // <# block comment #>
		return true
	}
	fd := ""
	if lx.inWord && !lx.quoted && isFD(lx.buf, lx.d) {
		fd = string(lx.buf)
		lx.buf, lx.inWord = lx.buf[:0], false
	}
	lx.endWord()
	n := redirLen(rest)
	lx.toks = append(lx.toks, token{val: fd + rest[:n], kind: tRedir})
	lx.i += n
	return true
}

func isFD(b []byte, d dialect) bool {
	if len(b) == 0 || len(b) > 2 {
		return false
	}
	if d == dialectPS && len(b) == 1 && b[0] == '*' {
		return true
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// redirLen is the length of the redirection operator at the start of s.
func redirLen(s string) int {
	for _, op := range redirOps {
		if len(s) >= len(op) && s[:len(op)] == op {
			n := len(op)
			if op[len(op)-1] == '&' { // >&1, <&0, >&-
				for n < len(s) && (s[n] >= '0' && s[n] <= '9' || s[n] == '-') {
					n++
				}
			}
			return n
		}
	}
	return 1
}

// redirOps is ordered longest first.
var redirOps = []string{"<<<", "<<-", ">>", ">|", ">&", "<&", "<<", "<>", ">", "<"}
