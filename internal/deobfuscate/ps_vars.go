package deobfuscate

import "strings"

func init() {
	register(42, Transform{Name: "ps_variables", Lang: "powershell", Fn: PSVariables})
}

// psMaxVarSubs caps the substitutions of one call; with bounded() it stops
// a line that uses one long variable thousands of times from multiplying
// its size.
const psMaxVarSubs = 1024

var dqEscaper = strings.NewReplacer("`", "``", `"`, "`\"", "$", "`$")

// PSVariables substitutes variables assigned a single string literal
// earlier on the line ($a='Down';$b='loadString') into later uses: $a and
// ${a} in code become the quoted literal, $a inside double-quoted strings
// the escaped text. Any other assignment to the variable ($a += ...,
// $a = $x, foreach ($a in ...)) stops its substitution.
func PSVariables(in string) (string, bool) {
	if !strings.Contains(in, "$") || !strings.Contains(in, "=") {
		return in, false
	}
	w := varWalker{env: map[string]string{}, inlined: map[string]bool{}}
	out := w.walk(in)
	if w.subs == 0 {
		return in, false
	}
	for name := range w.inlined {
		out = dropDeadAssignment(out, name)
	}
	return psResult(in, out)
}

type varWalker struct {
	env  map[string]string
	subs int
	b    strings.Builder
	// inlined names the variables whose long value was substituted.
	inlined map[string]bool
	// depth is the current {} nesting; setAt records the depth of each
	// variable's last assignment. A value assigned inside a block (an if,
	// a loop, a function) is forgotten when the block closes: after it,
	// the variable may or may not hold that value.
	depth int
	setAt map[string]int
}

func (w *varWalker) walk(s string) string {
	for i := 0; i < len(s); {
		i = w.step(s, i)
	}
	return w.b.String()
}

// step copies or rewrites the token at s[i] and returns the next index.
func (w *varWalker) step(s string, i int) int {
	switch s[i] {
	case '`':
		e := min(i+2, len(s))
		w.b.WriteString(s[i:e])
		return e
	case '\'', '"':
		_, e, _ := scanPSString(s, i)
		if e < 0 {
			break
		}
		if s[i] == '"' {
			w.b.WriteString(w.interpolate(s[i:e]))
		} else {
			w.b.WriteString(s[i:e])
		}
		return e
	case '$':
		return w.variable(s, i)
	case '{':
		w.depth++
	case '}':
		w.closeBlock()
	}
	w.b.WriteByte(s[i])
	return i + 1
}

// closeBlock forgets the variables assigned inside the block that ends.
func (w *varWalker) closeBlock() {
	for name, d := range w.setAt {
		if d >= w.depth && w.depth > 0 {
			delete(w.env, name)
			delete(w.setAt, name)
		}
	}
	w.depth = max(w.depth-1, 0)
}

// varName parses $name or ${name} at s[i]; it returns the lower-case name
// and the end, or "" for scoped ($env:x) and automatic forms.
func varName(s string, i int) (string, int) {
	if i+1 < len(s) && s[i+1] == '{' {
		k := strings.IndexByte(s[i:], '}')
		if k < 0 || strings.ContainsAny(s[i+2:i+k], ":`") {
			return "", i + 1
		}
		return strings.ToLower(s[i+2 : i+k]), i + k + 1
	}
	j := i + 1
	for j < len(s) && isWordByte(s[j]) {
		j++
	}
	if j == i+1 || (j < len(s) && s[j] == ':') {
		return "", j
	}
	return strings.ToLower(s[i+1 : j]), j
}

// variable handles a variable token in code: an assignment updates the
// environment, a use of a known variable is substituted.
func (w *varWalker) variable(s string, i int) int {
	name, e := varName(s, i)
	if name == "" {
		w.b.WriteString(s[i:e])
		return e
	}
	j := skipSpace(s, e)
	switch {
	case j < len(s) && s[j] == '=' && (j+1 >= len(s) || s[j+1] != '='):
		v, end, ok := literalAt(s, j+1)
		if ok && statementEnd(s, end) {
			w.env[name] = v
			if w.setAt == nil {
				w.setAt = map[string]int{}
			}
			w.setAt[name] = w.depth
		} else {
			delete(w.env, name)
		}
	case j+1 < len(s) && strings.Contains("+-*/%", s[j:j+1]) && (s[j+1] == '=' || s[j+1] == s[j]),
		hasWordFold(s, j, "in") && j > e:
		delete(w.env, name)
	default:
		if v, ok := w.env[name]; ok && w.subs < psMaxVarSubs && substituteHere(s, i, e, v) {
			w.subs++
			if len(v) > psShortValue {
				w.inlined[name] = true
			}
			w.b.WriteString(psQuote(v))
			return e
		}
	}
	w.b.WriteString(s[i:e])
	return e
}

// psShortValue is the longest value substituted into any use. Longer
// values (a C# type definition, a shellcode string) are substituted only
// where another transform can fold them: substituting them everywhere
// duplicates text and buries the script's structure.
const psShortValue = 48

// substituteHere reports whether the use s[i:e] of a variable holding v
// should be replaced: short values always; long ones only when the use
// is concatenated (+ on either side) or invoked (iex, &, .).
func substituteHere(s string, i, e int, v string) bool {
	if len(v) <= psShortValue {
		return true
	}
	if j := skipSpace(s, e); j < len(s) && s[j] == '+' {
		return true
	}
	if foldableUse(s, e, s[i:e]) {
		return true
	}
	before := strings.TrimRight(s[:i], " \t(")
	switch {
	case strings.HasSuffix(before, "+"), strings.HasSuffix(before, "&"), strings.HasSuffix(before, "."):
		return true
	}
	lb := strings.ToLower(before)
	return strings.HasSuffix(lb, "iex") || strings.HasSuffix(lb, "invoke-expression")
}

// interpolate substitutes known variables inside a double-quoted string
// (quotes included), escaping their values for that context.
func (w *varWalker) interpolate(lit string) string {
	if !strings.Contains(lit, "$") {
		return lit
	}
	var b strings.Builder
	for i := 0; i < len(lit); {
		switch lit[i] {
		case '`':
			e := min(i+2, len(lit))
			b.WriteString(lit[i:e])
			i = e
			continue
		case '$':
			name, e := varName(lit, i)
			if v, ok := w.env[name]; ok && name != "" && w.subs < psMaxVarSubs {
				w.subs++
				b.WriteString(dqEscaper.Replace(v))
			} else {
				b.WriteString(lit[i:e])
			}
			i = e
			continue
		}
		b.WriteByte(lit[i])
		i++
	}
	return b.String()
}

// foldableUse reports whether the variable use ending at s[e] is indexed
// with a constant index or measured (($v)[-1..-($v.Length)], $v.Length):
// forms ps_index folds once the value is in place.
func foldableUse(s string, e int, ref string) bool {
	rest := strings.TrimLeft(s[e:], " \t)")
	if len(rest) > 7 && rest[0] == '.' && strings.EqualFold(rest[1:7], "length") && !isWordByte(rest[7]) {
		return true
	}
	if rest == "" || rest[0] != '[' {
		return false
	}
	k := matchParen(rest, 0)
	if k < 0 {
		return false
	}
	spec := strings.ReplaceAll(strings.ToLower(rest[1:k]), strings.ToLower(ref), "")
	spec = strings.ReplaceAll(spec, ".length", "")
	return strings.Trim(spec, " \t0123456789-.()") == ""
}

// dropDeadAssignment removes the statement $name = 'literal' when it is
// the only reference to $name left: every use was inlined.
func dropDeadAssignment(s, name string) string {
	first, count := -1, 0
	for i := 0; i < len(s); i++ {
		if s[i] != '$' {
			continue
		}
		if n, _ := varName(s, i); n == name {
			if first < 0 {
				first = i
			}
			count++
		}
	}
	if count != 1 {
		return s
	}
	_, e := varName(s, first)
	j := skipSpace(s, e)
	if j >= len(s) || s[j] != '=' {
		return s
	}
	_, end, ok := literalAt(s, j+1)
	if !ok || !statementEnd(s, end) {
		return s
	}
	end = skipSpace(s, end)
	if end < len(s) && s[end] == ';' {
		end = skipSpace(s, end+1)
	}
	return s[:first] + s[end:]
}
