package rules

import (
	"slices"

	"github.com/vigilsec/vigil/internal/command/parse"
	"github.com/vigilsec/vigil/internal/deobfuscate"
)

// TestResult is the outcome of one example.
type TestResult struct {
	RuleID   string `json:"rule_id"`
	Source   string `json:"source"`
	Example  string `json:"example"`
	Positive bool   `json:"positive"`
	Pass     bool   `json:"pass"`
	// Hits lists the ids of every rule that fired on the example, to help
	// explain a failure.
	Hits []string `json:"hits,omitempty"`
}

// Test runs every rule's examples through the full path a scan takes
// (deobfuscate.Run, parse.Parse of the deobfuscated text, Match): a
// positive example passes when the rule fires, a negative one when it does
// not. Test does not count allow hits.
func (e *Engine) Test() []TestResult {
	var out []TestResult
	for _, r := range e.rules {
		for _, ex := range r.Examples.Positive {
			out = append(out, e.testOne(r, ex, true))
		}
		for _, ex := range r.Examples.Negative {
			out = append(out, e.testOne(r, ex, false))
		}
	}
	return out
}

func (e *Engine) testOne(r *compiledRule, example string, positive bool) TestResult {
	d := deobfuscate.Run(example).Deobfuscated
	hits := e.match(Input{Raw: example, Deobfuscated: d, Parsed: parse.Parse(d)}, false)
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	fired := slices.Contains(ids, r.ID)
	return TestResult{RuleID: r.ID, Source: r.Source, Example: example, Positive: positive, Pass: fired == positive, Hits: ids}
}
