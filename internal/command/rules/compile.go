package rules

import (
	"fmt"
	"slices"
)

// compileRule validates a decoded rule and compiles its match expression
// and prefilter. Errors name the offending field.
func compileRule(s *ruleSpec, file string) (*compiledRule, []clause, error) {
	r, err := ruleHeader(s, file)
	if err != nil {
		return nil, nil, err
	}
	if s.Match == nil {
		return nil, nil, fmt.Errorf("match: missing")
	}
	c, err := compileCond(s.Match, "match")
	if err != nil {
		return nil, nil, err
	}
	if err := checkExamples(s.Examples); err != nil {
		return nil, nil, err
	}
	pre := required(s.Match)
	if len(s.Keywords) > 0 {
		kw := literalClause(s.Keywords)
		if kw == nil {
			return nil, nil, fmt.Errorf("keywords: want non-empty ASCII strings")
		}
		pre = append(kw, pre...)
	}
	cr := &compiledRule{Rule: *r, match: c}
	cr.hit = Hit{ID: r.ID, Title: r.Title, Level: r.Level, Action: r.Action, Tags: slices.Clip(r.Tags), Confidence: r.Confidence}
	return cr, selectClauses(pre), nil
}

func ruleHeader(s *ruleSpec, file string) (*Rule, error) {
	if !idPattern.MatchString(s.ID) {
		return nil, fmt.Errorf("id: want letters, digits and . _ : - (got %q)", s.ID)
	}
	if s.Title == "" {
		return nil, fmt.Errorf("title: missing")
	}
	lvl, err := parseLevel(s.Level)
	if err != nil {
		return nil, fmt.Errorf("level: %w", err)
	}
	act, err := parseAction(s.Action)
	if err != nil {
		return nil, fmt.Errorf("action: %w", err)
	}
	r := &Rule{ID: s.ID, Title: s.Title, Description: s.Description, Level: lvl, Action: act,
		Tags: s.Tags, Source: base(file), Examples: s.Examples}
	if s.Confidence != nil {
		if c := *s.Confidence; c < 0 || c > 1 || c != c {
			return nil, fmt.Errorf("confidence: %v is outside 0..1", c)
		}
		r.Confidence = *s.Confidence
	}
	for i, t := range s.Tags {
		if !idPattern.MatchString(t) {
			return nil, fmt.Errorf("tags[%d]: %q is not a tag (e.g. attack.t1059.004)", i, t)
		}
	}
	return r, nil
}

func checkExamples(ex Examples) error {
	if len(ex.Positive) == 0 {
		return fmt.Errorf("examples.positive: missing (every rule needs at least one command it fires on)")
	}
	if len(ex.Negative) == 0 {
		return fmt.Errorf("examples.negative: missing (every rule needs at least one command it must not fire on)")
	}
	for i, p := range ex.Positive {
		if p == "" {
			return fmt.Errorf("examples.positive[%d]: empty", i)
		}
	}
	return nil
}
