package rules

import (
	"regexp/syntax"
	"slices"
	"strings"
	"unicode/utf8"
)

// A prefilter is a conjunction of clauses; a clause is a set of lowercased
// ASCII literals of which at least one must occur in the lowercased raw or
// deobfuscated text for the rule to have any chance of matching. A rule
// whose prefilter fails is skipped without running its regexes.
type clause []string

// maxClauses bounds the clauses kept per rule: the first one that fails
// usually rejects a benign line, more only add substring scans.
const maxClauses = 3

// required derives clauses from a match expression. It is conservative:
// when nothing can be proved (not, parsed fields, exists, an optional
// regex) it returns nil, which means "always evaluate".
func required(s *condSpec) []clause {
	switch {
	case s == nil || s.Not != nil || s.Exists != nil:
		return nil
	case s.All != nil:
		var out []clause
		for _, sub := range s.All {
			out = append(out, required(sub)...)
		}
		return out
	case s.Any != nil:
		return requiredAny(s.Any)
	}
	if f, err := lookupField(s.Field); err != nil || f.view == viewNone {
		return nil
	}
	return leafClauses(s)
}

// requiredAny: one branch must match, so the union of one clause from
// each branch is required.
func requiredAny(list []*condSpec) []clause {
	var u clause
	for _, sub := range list {
		cs := required(sub)
		if len(cs) == 0 {
			return nil
		}
		u = append(u, best(cs)...)
	}
	return []clause{dedupe(u)}
}

func leafClauses(s *condSpec) []clause {
	var vals []string
	switch {
	case s.Regex != nil:
		re, err := syntax.Parse(*s.Regex, syntax.Perl|syntax.FoldCase)
		if err != nil {
			return nil
		}
		return regexClauses(re.Simplify())
	case s.Contains != nil:
		vals = s.Contains
	case s.StartsWith != nil:
		vals = s.StartsWith
	case s.EndsWith != nil:
		vals = s.EndsWith
	case s.Equals != nil:
		vals = []string{*s.Equals}
	case s.In != nil:
		vals = s.In
	}
	return literalClause(vals)
}

// literalClause makes one clause of vals, or none when a value cannot be
// used (empty or non-ASCII).
func literalClause(vals []string) []clause {
	c := make(clause, 0, len(vals))
	for _, v := range vals {
		if v == "" || !isASCII(v) {
			return nil
		}
		c = append(c, strings.ToLower(v))
	}
	if len(c) == 0 {
		return nil
	}
	return []clause{dedupe(c)}
}

// regexClauses walks a regexp syntax tree: a literal is required; so is
// everything required by each part of a concatenation, and by the body of
// a repetition of at least one; an alternation requires one clause from
// every branch.
func regexClauses(re *syntax.Regexp) []clause {
	switch re.Op {
	case syntax.OpLiteral:
		return literalClause([]string{string(re.Rune)})
	case syntax.OpCapture, syntax.OpPlus:
		return regexClauses(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return regexClauses(re.Sub[0])
		}
	case syntax.OpConcat:
		return concatClauses(re.Sub)
	case syntax.OpAlternate:
		var u clause
		for _, sub := range re.Sub {
			cs := regexClauses(sub)
			if len(cs) == 0 {
				return nil
			}
			u = append(u, best(cs)...)
		}
		return []clause{dedupe(u)}
	}
	return nil
}

// score ranks a clause by selectivity: its shortest literal counts most,
// then fewer alternatives.
func (c clause) score() int {
	m := 1 << 20
	for _, l := range c {
		m = min(m, len(l))
	}
	return m*64 - len(c)
}

func best(cs []clause) clause {
	b := cs[0]
	for _, c := range cs[1:] {
		if c.score() > b.score() {
			b = c
		}
	}
	return b
}

// selectClauses keeps the most selective distinct clauses, best first.
func selectClauses(cs []clause) []clause {
	cs = slices.Clone(cs)
	slices.SortStableFunc(cs, func(a, b clause) int { return b.score() - a.score() })
	cs = slices.CompactFunc(cs, slices.Equal)
	if len(cs) > maxClauses {
		cs = cs[:maxClauses]
	}
	return cs
}

func dedupe(c clause) clause {
	slices.Sort(c)
	return slices.Compact(c)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// maxExpand bounds the strings a run of a regex expands to: "[-/]enc"
// gives "-enc" and "/enc", "(ba|z)?sh" gives "bash", "zsh" and "sh".
const maxExpand = 8

// concatClauses joins adjacent parts with a small finite language into
// longer required strings, and adds the clauses of the other parts.
func concatClauses(subs []*syntax.Regexp) []clause {
	var out []clause
	run := []string{""}
	flush := func() {
		if slices.ContainsFunc(run, func(s string) bool { return s != "" }) {
			out = append(out, literalClause(run)...)
		}
		run = []string{""}
	}
	for _, sub := range subs {
		if set := litSet(sub); set != nil && len(run)*len(set) <= maxExpand {
			run = product(run, set)
			continue
		}
		flush()
		out = append(out, regexClauses(sub)...)
	}
	flush()
	return out
}

// litSet returns the finite set of (lowercased) strings re can match when
// it is small; nil otherwise. Empty-width assertions match "".
func litSet(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpWordBoundary, syntax.OpNoWordBoundary,
		syntax.OpBeginText, syntax.OpEndText, syntax.OpBeginLine, syntax.OpEndLine:
		return []string{""}
	case syntax.OpLiteral:
		return []string{strings.ToLower(string(re.Rune))}
	case syntax.OpCharClass:
		return classStrings(re.Rune)
	case syntax.OpCapture:
		return litSet(re.Sub[0])
	case syntax.OpQuest:
		if set := litSet(re.Sub[0]); set != nil {
			return dedupe(append(set, ""))
		}
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			set := litSet(sub)
			if set == nil || len(out)+len(set) > maxExpand {
				return nil
			}
			out = append(out, set...)
		}
		return dedupe(out)
	case syntax.OpConcat:
		out := []string{""}
		for _, sub := range re.Sub {
			set := litSet(sub)
			if set == nil || len(out)*len(set) > maxExpand {
				return nil
			}
			out = product(out, set)
		}
		return out
	}
	return nil
}

func product(a, b []string) []string {
	out := make([]string, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			out = append(out, x+y)
		}
	}
	return dedupe(out)
}

// classStrings lists a small character class as single-character strings
// as they appear in the lowercased views: its fold partners collapse, and
// a whitespace class is a space (foldLower turns all ASCII whitespace into
// spaces). nil when the class is large or not ASCII.
func classStrings(ranges []rune) []string {
	var out []string
	for i := 0; i+1 < len(ranges); i += 2 {
		for r := ranges[i]; r <= ranges[i+1]; r++ {
			switch {
			case r == 'ſ' || r == '\u212a':
				continue // fold partners of s and k; foldLower maps them
			case r >= utf8.RuneSelf || len(out) >= 2*maxExpand:
				return nil
			case isSpace(byte(r)):
				r = ' '
			}
			out = append(out, strings.ToLower(string(r)))
		}
	}
	out = dedupe(out)
	if len(out) > 3 {
		return nil
	}
	return out
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}
