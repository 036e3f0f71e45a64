package rules

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/vigilsec/vigil/internal/command/parse"
)

// Text views a leaf can test besides the parsed fields.
const (
	viewNone = iota
	viewRaw
	viewDeobfuscated
	viewText // raw or deobfuscated
)

// fieldRef names what a leaf tests: a text view, or a parsed field by its
// index in parse.FieldNames.
type fieldRef struct {
	view  int
	index int
	name  string
}

// lookupField resolves a field name; "" means text.
func lookupField(name string) (fieldRef, error) {
	switch name {
	case "", "text":
		return fieldRef{view: viewText, name: "text"}, nil
	case "raw":
		return fieldRef{view: viewRaw, name: name}, nil
	case "deobfuscated":
		return fieldRef{view: viewDeobfuscated, name: name}, nil
	}
	for i, n := range parse.FieldNames {
		if n == name {
			return fieldRef{index: i, name: name}, nil
		}
	}
	return fieldRef{}, fmt.Errorf("unknown field %q (want raw, deobfuscated, text or one of %s)",
		name, strings.Join(parse.FieldNames, ", "))
}

// matchState is the per-call scratch of Match: the text views (original
// and lowercased, computed once), a lazy cache of lowercased parsed fields
// and the prefilter's literal cache. Pooled, so a Match allocates little.
type matchState struct {
	raw, deob   string // trimmed originals
	rawL, deobL string // lowercased
	same        bool   // deobfuscated == raw: test one view only
	parsed      *parse.Command
	fields      [][]string
	fieldsDone  []bool
	litText     []string   // the engine's literal table
	litGrams    [][]uint16 // the bigrams of each literal
	lits        []uint8    // per literal: 0 unknown, 1 present, 2 absent
	grams       bigrams    // bigrams of the lowercased views
}

func newMatchState(lits []string, grams [][]uint16) *matchState {
	n := len(parse.FieldNames)
	return &matchState{fields: make([][]string, n), fieldsDone: make([]bool, n),
		litText: lits, litGrams: grams, lits: make([]uint8, len(lits))}
}

// prefilter reports whether every clause has a literal in the lowercased
// raw or deobfuscated text; each literal is searched at most once a call.
func (st *matchState) prefilter(pre [][]int) bool {
	for _, c := range pre {
		if !st.anyLiteral(c) {
			return false
		}
	}
	return true
}

func (st *matchState) anyLiteral(c []int) bool {
	for _, id := range c {
		if st.lits[id] == 0 {
			st.lits[id] = 2
			if st.grams.all(st.litGrams[id]) && st.contains(st.litText[id]) {
				st.lits[id] = 1
			}
		}
		if st.lits[id] == 1 {
			return true
		}
	}
	return false
}

func (st *matchState) reset(in Input) {
	st.raw = strings.TrimSpace(in.Raw)
	st.deob = strings.TrimSpace(in.Deobfuscated)
	if st.deob == "" {
		st.deob = st.raw
	}
	st.rawL = foldLower(st.raw)
	st.same = st.deob == st.raw
	st.deobL = st.rawL
	if !st.same {
		st.deobL = foldLower(st.deob)
	}
	st.parsed = in.Parsed
	st.grams.reset(st.rawL, st.deobL)
	clear(st.fields)
	clear(st.fieldsDone)
	clear(st.lits)
}

func (st *matchState) contains(lit string) bool {
	return strings.Contains(st.rawL, lit) || (!st.same && strings.Contains(st.deobL, lit))
}

// view returns the strings a text leaf tests; the second is "" when there
// is only one.
func (st *matchState) view(v int, fold bool) (string, string) {
	raw, deob := st.raw, st.deob
	if fold {
		raw, deob = st.rawL, st.deobL
	}
	switch v {
	case viewRaw:
		return raw, ""
	case viewDeobfuscated:
		return deob, ""
	}
	if st.same {
		return raw, ""
	}
	return raw, deob
}

func (st *matchState) present(f fieldRef) bool {
	if f.view != viewNone {
		a, b := st.view(f.view, false)
		return a != "" || b != ""
	}
	return len(st.values(f.index, false)) > 0
}

// values returns a parsed field, lowercased when fold is set (cached).
func (st *matchState) values(i int, fold bool) []string {
	if st.parsed == nil {
		return nil
	}
	if !fold {
		return st.parsed.Field(parse.FieldNames[i])
	}
	if !st.fieldsDone[i] {
		st.fields[i] = lowerAll(st.parsed.Field(parse.FieldNames[i]))
		st.fieldsDone[i] = true
	}
	return st.fields[i]
}

func lowerAll(vs []string) []string {
	var out []string
	for i, v := range vs {
		l := foldLower(v)
		if l != v && out == nil {
			out = append(make([]string, 0, len(vs)), vs[:i]...)
		}
		if out != nil {
			out = append(out, l)
		}
	}
	if out == nil {
		return vs
	}
	return out
}

// foldLower lowercases s so that a case-insensitive ASCII literal found by
// Go's regexp folding is also found by strings.Contains on the result: on
// top of unicode.ToLower it maps U+017F (long s) to 's' (K, the Kelvin
// sign, already lowers to 'k'). It also turns ASCII whitespace (tab, CR,
// LF, FF, VT) into spaces, so a command split over lines reads as one and
// literal prefilters can require "nc " instead of "nc". It returns s itself,
// without allocating, when there is nothing to change.
func foldLower(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') || (c != ' ' && isSpace(c)) {
			return strings.Map(foldRune, s)
		}
	}
	return s
}

func foldRune(r rune) rune {
	switch {
	case r == 'ſ':
		return 's'
	case r < utf8.RuneSelf && isSpace(byte(r)):
		return ' '
	}
	return unicode.ToLower(r)
}
