package rules

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"
)

// cond is a compiled match expression node.
type cond interface {
	eval(st *matchState) bool
}

type anyCond []cond

func (c anyCond) eval(st *matchState) bool {
	for _, x := range c {
		if x.eval(st) {
			return true
		}
	}
	return false
}

type allCond []cond

func (c allCond) eval(st *matchState) bool {
	for _, x := range c {
		if !x.eval(st) {
			return false
		}
	}
	return true
}

type notCond struct{ c cond }

func (c notCond) eval(st *matchState) bool { return !c.c.eval(st) }

// leaf tests one field with one operator. A field with several values
// (the text view, parsed lists) matches when any value does.
type leaf struct {
	field  fieldRef
	op     operator
	exists *bool
	// fold: compare lowercased values (the default); operands are
	// lowercased at compile time.
	fold bool
	// clauses is the leaf's own prefilter (text views only), interned
	// into pre by newEngine; it spares regexes inside any/not branches.
	clauses []clause
	pre     [][]int
}

func (l *leaf) eval(st *matchState) bool {
	if l.pre != nil && !st.prefilter(l.pre) {
		return false
	}
	if l.exists != nil {
		return st.present(l.field) == *l.exists
	}
	if l.field.view != viewNone {
		a, b := st.view(l.field.view, l.fold)
		return l.op.test(a) || (b != "" && l.op.test(b))
	}
	for _, v := range st.values(l.field.index, l.fold) {
		if l.op.test(v) {
			return true
		}
	}
	return false
}

// operator is a leaf's test on one string.
type operator interface {
	test(s string) bool
}

type regexOp struct{ re *regexp.Regexp }

func (o regexOp) test(s string) bool { return o.re.MatchString(s) }

type strOp struct {
	kind string // contains, startswith, endswith, equals (also in)
	vals []string
}

func (o strOp) test(s string) bool {
	for _, v := range o.vals {
		if o.one(s, v) {
			return true
		}
	}
	return false
}

func (o strOp) one(s, v string) bool {
	switch o.kind {
	case "contains":
		return strings.Contains(s, v)
	case "startswith":
		return strings.HasPrefix(s, v)
	case "endswith":
		return strings.HasSuffix(s, v)
	}
	return s == v
}

// compileCond turns a spec node into a cond; path names the node in errors
// ("match.all[1].regex").
func compileCond(s *condSpec, path string) (cond, error) {
	if s == nil {
		return nil, fmt.Errorf("%s: empty condition", path)
	}
	kinds := s.kinds()
	switch {
	case len(kinds) == 0:
		return nil, fmt.Errorf("%s: want any, all, not or an operator (regex, contains, startswith, endswith, equals, in, exists)", path)
	case len(kinds) > 1:
		return nil, fmt.Errorf("%s: %s cannot be combined in one node; nest them under all", path, strings.Join(kinds, " and "))
	}
	switch kinds[0] {
	case "any", "all":
		return compileList(s, kinds[0], path)
	case "not":
		if s.Field != "" || s.CaseSensitive {
			return nil, fmt.Errorf("%s: field and case_sensitive belong on a leaf, not on not", path)
		}
		c, err := compileCond(s.Not, path+".not")
		return notCond{c}, err
	}
	return compileLeaf(s, kinds[0], path)
}

// kinds lists the combinators and operators set on a node.
func (s *condSpec) kinds() []string {
	var k []string
	add := func(set bool, name string) {
		if set {
			k = append(k, name)
		}
	}
	add(s.Any != nil, "any")
	add(s.All != nil, "all")
	add(s.Not != nil, "not")
	add(s.Regex != nil, "regex")
	add(s.Contains != nil, "contains")
	add(s.StartsWith != nil, "startswith")
	add(s.EndsWith != nil, "endswith")
	add(s.Equals != nil, "equals")
	add(s.In != nil, "in")
	add(s.Exists != nil, "exists")
	return k
}

func compileList(s *condSpec, kind, path string) (cond, error) {
	if s.Field != "" || s.CaseSensitive {
		return nil, fmt.Errorf("%s: field and case_sensitive belong on a leaf, not on %s", path, kind)
	}
	list := s.Any
	if kind == "all" {
		list = s.All
	}
	if len(list) == 0 {
		return nil, fmt.Errorf("%s.%s: empty list", path, kind)
	}
	out := make([]cond, len(list))
	for i, sub := range list {
		c, err := compileCond(sub, fmt.Sprintf("%s.%s[%d]", path, kind, i))
		if err != nil {
			return nil, err
		}
		out[i] = c
	}
	if kind == "any" {
		return anyCond(out), nil
	}
	return allCond(out), nil
}

func compileLeaf(s *condSpec, kind, path string) (cond, error) {
	f, err := lookupField(s.Field)
	if err != nil {
		return nil, fmt.Errorf("%s.field: %w", path, err)
	}
	if kind == "regex" {
		if alts := splitAlternation(*s.Regex); len(alts) > 1 {
			return compileAlternatives(s, alts, f, path)
		}
	}
	l := &leaf{field: f, fold: !s.CaseSensitive}
	if f.view != viewNone && kind != "exists" {
		l.clauses = selectClauses(leafClauses(s))
	}
	if kind == "exists" {
		l.exists = s.Exists
		return l, nil
	}
	l.op, err = compileOp(s, kind, l.fold)
	if err != nil {
		return nil, fmt.Errorf("%s.%s: %w", path, kind, err)
	}
	return l, nil
}

func compileOp(s *condSpec, kind string, fold bool) (operator, error) {
	if kind == "regex" {
		re, err := compileRegex(*s.Regex, fold)
		if err != nil {
			return nil, err
		}
		return regexOp{re}, nil
	}
	var vals []string
	switch kind {
	case "contains":
		vals = s.Contains
	case "startswith":
		vals = s.StartsWith
	case "endswith":
		vals = s.EndsWith
	case "equals":
		vals = []string{*s.Equals}
	case "in":
		kind, vals = "equals", s.In
	}
	return newStrOp(kind, vals, fold)
}

func newStrOp(kind string, vals []string, fold bool) (operator, error) {
	if len(vals) == 0 {
		return nil, fmt.Errorf("empty list")
	}
	out := make([]string, len(vals))
	for i, v := range vals {
		if v == "" && kind != "equals" {
			return nil, fmt.Errorf("empty string")
		}
		if fold {
			v = foldLower(v)
		}
		out[i] = v
	}
	return strOp{kind: kind, vals: out}, nil
}

// splitAlternation returns the top-level branches of a regex (a|b|c), so
// that each becomes its own leaf with its own literal prefilter: one
// common word in one branch then no longer makes every branch run. It
// scans the text (escapes, classes and groups respected) rather than
// printing a parsed tree, which is slow for large classes.
func splitAlternation(expr string) []string {
	if _, err := syntax.Parse(expr, syntax.Perl); err != nil {
		return nil
	}
	var out []string
	depth, start, inClass := 0, 0, false
	for i := 0; i < len(expr); i++ {
		switch c := expr[i]; {
		case c == '\\':
			i++
		case inClass:
			inClass = c != ']'
		case c == '[':
			inClass = true
			if i+1 < len(expr) && expr[i+1] == '^' {
				i++
			}
			if i+1 < len(expr) && expr[i+1] == ']' {
				i++ // a leading ] is a literal
			}
		case c == '(':
			depth++
		case c == ')':
			depth--
		case c == '|' && depth == 0:
			out = append(out, expr[start:i])
			start = i + 1
		}
	}
	if len(out) == 0 {
		return nil
	}
	return append(out, expr[start:])
}

func compileAlternatives(s *condSpec, alts []string, f fieldRef, path string) (cond, error) {
	out := make(anyCond, 0, len(alts))
	for _, a := range alts {
		sub := *s
		sub.Regex = &a
		l := &leaf{field: f, fold: !s.CaseSensitive}
		if f.view != viewNone {
			l.clauses = selectClauses(leafClauses(&sub))
		}
		op, err := compileOp(&sub, "regex", l.fold)
		if err != nil {
			return nil, fmt.Errorf("%s.regex: %w", path, err)
		}
		l.op = op
		out = append(out, l)
	}
	return out, nil
}

// compileRegex compiles a leaf's regex. A case-insensitive one runs on the
// lowercased views, so instead of (?i) it is compiled from its folded
// syntax tree with literals lowercased: classes keep every case, literals
// become plain lowercase text, and Go's matcher can use literal prefixes
// and skip per-rune case folding (several times faster).
func compileRegex(expr string, fold bool) (*regexp.Regexp, error) {
	if !fold {
		return regexp.Compile(expr)
	}
	// The text is lower-cased before matching, so lower-casing the pattern
	// is enough. (Parsing with syntax.FoldCase and printing the tree back
	// makes compiling the rule set take hundreds of milliseconds: the
	// printer walks every rune of large classes.)
	return regexp.Compile(lowerPattern(expr))
}

// lowerPattern lower-cases the ASCII letters of a regular expression,
// except escapes (\S, \D, \W, \B, \A, \PL) and Unicode class names
// (\p{Lu}), whose case is meaningful.
func lowerPattern(expr string) string {
	b := []byte(expr)
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case c == '\\' && i+1 < len(b):
			i++
			if (b[i] == 'p' || b[i] == 'P') && i+1 < len(b) && b[i+1] == '{' {
				for i < len(b) && b[i] != '}' {
					i++
				}
			} else if b[i] == 'p' || b[i] == 'P' {
				i++ // one-letter class name: \pL
			}
		case c >= 'A' && c <= 'Z':
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
