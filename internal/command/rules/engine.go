package rules

import (
	"sync"
	"sync/atomic"

	"github.com/vigilsec/vigil/internal/command/parse"
)

// Input is one command line as the rules see it. Deobfuscated falls back
// to Raw when empty; Parsed may be nil, in which case leaves on parsed
// fields do not match (and exists: false does).
type Input struct {
	Raw          string
	Deobfuscated string
	Parsed       *parse.Command
}

// Engine evaluates a compiled rule set. It is safe for concurrent use.
type Engine struct {
	rules []*compiledRule
	lits  []string // literal table shared by all prefilters
	pool  sync.Pool
}

type compiledRule struct {
	Rule
	match cond
	pre   [][]int // clauses of indices into Engine.lits
	hit   Hit
	hits  atomic.Uint64 // allow rules only
}

// Rules returns the loaded rules in evaluation order.
func (e *Engine) Rules() []Rule {
	out := make([]Rule, len(e.rules))
	for i, r := range e.rules {
		out[i] = r.Rule
	}
	return out
}

// Match returns the rules that fire on in, in evaluation order, and counts
// the hits of allow rules.
func (e *Engine) Match(in Input) []Hit {
	return e.match(in, true)
}

func (e *Engine) match(in Input, count bool) []Hit {
	st := e.pool.Get().(*matchState)
	defer e.pool.Put(st)
	st.reset(in)
	var hits []Hit
	for _, r := range e.rules {
		if !st.prefilter(r.pre) || !r.match.eval(st) {
			continue
		}
		if count && r.Action == Allow {
			r.hits.Add(1)
		}
		hits = append(hits, r.hit)
	}
	return hits
}

// AllowHits returns how often each allow rule has matched since Load (or
// the last ResetAllowHits), by rule id. Every allow rule is listed.
func (e *Engine) AllowHits() map[string]uint64 {
	out := map[string]uint64{}
	for _, r := range e.rules {
		if r.Action == Allow {
			out[r.ID] = r.hits.Load()
		}
	}
	return out
}

// ResetAllowHits sets every allow counter back to zero.
func (e *Engine) ResetAllowHits() {
	for _, r := range e.rules {
		r.hits.Store(0)
	}
}

// newEngine links compiled rules into an engine: it interns prefilter
// literals so that each is searched at most once per Match.
func newEngine(rs []*compiledRule, pres [][]clause) *Engine {
	e := &Engine{rules: rs}
	ids := map[string]int{}
	for i, r := range rs {
		for _, c := range pres[i] {
			r.pre = append(r.pre, internClause(e, ids, c))
		}
		internLeaves(e, ids, r.match)
	}
	grams := make([][]uint16, len(e.lits))
	for i, l := range e.lits {
		grams[i] = literalGrams(l)
	}
	e.pool.New = func() any { return newMatchState(e.lits, grams) }
	return e
}

// internLeaves interns the per-leaf prefilters of a match expression.
func internLeaves(e *Engine, ids map[string]int, c cond) {
	switch c := c.(type) {
	case anyCond:
		for _, x := range c {
			internLeaves(e, ids, x)
		}
	case allCond:
		for _, x := range c {
			internLeaves(e, ids, x)
		}
	case notCond:
		internLeaves(e, ids, c.c)
	case *leaf:
		for _, cl := range c.clauses {
			c.pre = append(c.pre, internClause(e, ids, cl))
		}
	}
}

func internClause(e *Engine, ids map[string]int, c clause) []int {
	out := make([]int, len(c))
	for j, lit := range c {
		id, ok := ids[lit]
		if !ok {
			id = len(e.lits)
			ids[lit] = id
			e.lits = append(e.lits, lit)
		}
		out[j] = id
	}
	return out
}
