package rules

import "testing"

// TestBuiltinExamples runs every builtin rule's examples through the full
// scan path; a failing example is a broken rule.
func TestBuiltinExamples(t *testing.T) {
	e, err := Load(true)
	if err != nil {
		t.Fatalf("load builtin rules: %v", err)
	}
	for _, r := range e.Test() {
		if !r.Pass {
			kind := "negative"
			if r.Positive {
				kind = "positive"
			}
			t.Errorf("%s: %s example %q: hits %v", r.RuleID, kind, r.Example, r.Hits)
		}
	}
}
