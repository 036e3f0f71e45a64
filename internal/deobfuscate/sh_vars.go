package deobfuscate

import "strings"

func init() {
	register(70, Transform{Name: "sh_vars", Lang: "sh", Fn: ShVars})
}

// ShVars splices shell variables set to literals earlier in the line into
// their later uses: a=ba;b=sh;$a$b -> a=ba;b=sh;bash, x=/etc/pass; cat
// ${x}wd -> cat /etc/passwd, with ${x:1:3}, ${#x}, ${x/a/b}, ${x^^} and
// friends. Only statements made of assignments alone count (a=1 cmd sets a
// for cmd only); for, read, unset and let make names unknown, and
// assignments inside (...) do not leak out. Uses inside single quotes stay.
func ShVars(in string) (string, bool) {
	if strings.IndexByte(in, '=') < 0 || strings.IndexByte(in, '$') < 0 || shForeign(in) {
		return in, false
	}
	w := shVarWalker{in: in, vars: map[string]string{}, limit: shOutLimit(len(in)), stmt: true}
	if !w.run() {
		return in, false
	}
	return shBounded(in, w.b.String())
}

// shVarWalker carries the state of one ShVars scan.
type shVarWalker struct {
	in    string
	vars  map[string]string
	b     strings.Builder
	limit int // stops a=$b$b$b doubling chains (expansion bombs)
	q     uint8
	depth int  // ( and $( nesting: assignments inside do not persist
	stmt  bool // at the start of a statement
}

func (w *shVarWalker) run() bool {
	for i := 0; i < len(w.in); {
		if w.b.Len() > w.limit {
			return false
		}
		if w.stmt && w.q == shUnquoted {
			i = w.statementStart(i)
			continue
		}
		i = w.step(i)
	}
	return w.q == shUnquoted
}

// step copies or expands the text at in[i] and returns the next index.
func (w *shVarWalker) step(i int) int {
	c := w.in[i]
	switch {
	case w.q == shSingle:
		if c == '\'' {
			w.q = shUnquoted
		}
	case c == '\\' && i+1 < len(w.in):
		w.b.WriteString(w.in[i : i+2])
		return i + 2
	case c == '"':
		w.q ^= shDouble
	case c == '$':
		return w.ref(i)
	case w.q == shDouble:
	case c == '\'':
		w.q = shSingle
	case c == '(':
		w.depth++
	case c == ')':
		w.depth--
	case c == ';' || c == '\n' || c == '&' || c == '|':
		w.stmt = true
	case c == '#' && (i == 0 || shIsOp(w.in[i-1])):
		w.b.WriteString(w.in[i:])
		return len(w.in)
	}
	w.b.WriteByte(c)
	return i + 1
}

// ref expands the reference at in[i] when its variable is known and the
// value can be written in the current quoting context.
func (w *shVarWalker) ref(i int) int {
	v, end, ok := shRefValue(w.in, i, w.vars)
	if ok {
		if r, ok := shEmit(v, w.q); ok {
			w.b.WriteString(r)
			return end
		}
	}
	w.b.WriteByte('$')
	return i + 1
}

// statementStart handles the first word of a statement: assignments,
// keywords that bind names, and keywords after which a statement starts.
func (w *shVarWalker) statementStart(i int) int {
	in := w.in
	if c := in[i]; c == ' ' || c == '\t' || c == ';' || c == '\n' || c == '&' || c == '|' {
		w.b.WriteByte(c)
		return i + 1
	}
	w.stmt = false
	word := in[i:shNameEnd(in, i)]
	switch word {
	case "then", "do", "else", "elif", "if", "while", "until", "time", "export", "local", "declare", "typeset", "readonly":
		if j := i + len(word); j < len(in) && (in[j] == ' ' || in[j] == '\t') {
			w.b.WriteString(word)
			w.stmt = true
			return j
		}
	case "for", "select", "read", "unset", "mapfile", "readarray", "getopts", "let":
		w.forget(i + len(word))
		return i
	}
	if strings.HasPrefix(in[i:], "((") {
		clear(w.vars)
		return i
	}
	if w.depth == 0 {
		if out, j, ok := w.assignments(i); ok {
			w.b.WriteString(out)
			return j
		}
	}
	return i
}

// forget makes every name among the words before the next separator
// unknown (for x in, read a b, unset x); let may set any, so it clears all.
func (w *shVarWalker) forget(i int) {
	if strings.HasPrefix(w.in[i-3:], "let") {
		clear(w.vars)
		return
	}
	for _, f := range strings.FieldsFunc(w.in[i:shStmtEnd(w.in, i)], func(r rune) bool { return r == ' ' || r == '\t' }) {
		delete(w.vars, f)
	}
}

// shStmtEnd returns the index of the next ; & | or newline after i.
func shStmtEnd(s string, i int) int {
	if k := strings.IndexAny(s[i:], ";&|\n"); k >= 0 {
		return i + k
	}
	return len(s)
}

// assignments parses NAME=WORD [NAME=WORD...] at in[i]. It succeeds only
// when nothing but a separator follows, records the values (literal ones;
// others make the name unknown) and returns the text to write.
func (w *shVarWalker) assignments(i int) (string, int, bool) {
	type asg struct {
		name, raw, val string
		ok             bool
	}
	var list []asg
	j, last := i, i
	for {
		n := shNameEnd(w.in, j)
		if n == j || n >= len(w.in) || w.in[n] != '=' {
			break
		}
		val, end, ok := shWordValue(w.in, n+1, 0, w.vars)
		if n+1 == len(w.in) || shIsOp(w.in[n+1]) { // empty value: a=
			val, end, ok = "", n+1, true
		}
		end = max(end, shWordEndAny(w.in, n+1))
		list = append(list, asg{w.in[j:n], w.in[n+1 : end], val, ok && len(val) <= w.limit})
		last = end
		for j = end; j < len(w.in) && (w.in[j] == ' ' || w.in[j] == '\t'); j++ {
		}
	}
	if len(list) == 0 || !shAssignEnd(w.in, j) {
		return "", i, false
	}
	var b strings.Builder
	for k, a := range list {
		if k > 0 {
			b.WriteByte(' ')
		}
		if !a.ok {
			delete(w.vars, a.name)
			b.WriteString(a.name + "=" + a.raw)
			continue
		}
		w.vars[a.name] = a.val
		if strings.Contains(a.raw, "$") {
			b.WriteString(a.name + "=" + shWord(a.val))
		} else {
			b.WriteString(a.name + "=" + a.raw)
		}
	}
	b.WriteString(w.in[last:j])
	return b.String(), j, true
}

// shAssignEnd reports whether an assignment-only statement ends at s[j]:
// end of text, ;, newline, && or ||. A single | or & runs it in a subshell.
func shAssignEnd(s string, j int) bool {
	if j == len(s) || s[j] == ';' || s[j] == '\n' {
		return true
	}
	return strings.HasPrefix(s[j:], "&&") || strings.HasPrefix(s[j:], "||")
}

// shWordEndAny returns the end of the shell word at s[i], whatever it holds.
func shWordEndAny(s string, i int) int {
	_, j := shSegments(s, i)
	if j < 0 {
		return len(s)
	}
	return j
}
