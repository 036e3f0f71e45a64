package detect

import "github.com/vigilsec/vigil/internal/command/rules"

// Router combines Tier-1 probabilities with rule hits.
type Router struct {
	T Thresholds
}

// Route decides the verdict, first match wins:
//
//  1. allow: a user allow rule (a confirmed false positive) → Benign.
//  2. hard_override: a force_malicious rule → Malicious, confidence the
//     larger of P(Malicious) and the rule's.
//  3. promotion: a promote rule → Malicious ("feature_force_malicious"),
//     unless a cap_suspicious rule also fires → Suspicious
//     ("malicious_to_suspicious_cap").
//  4. benign_safe_override: a benign_safe rule, no requires_context rule
//     and P(Malicious) under BenignSafeMaxMalicious → Benign.
//  5. probability route: P(Malicious) at least the Malicious threshold
//     and ahead of the other classes by the margin → Malicious; a Benign
//     top class with a requires_context rule, when P(Benign) is under the
//     Benign threshold, two such rules fire or one has level medium or
//     above → Suspicious
//     ("suspicious_dual_use_guardrail"); P(Suspicious) + P(Malicious) at
//     least the Suspicious threshold → Suspicious (named after the top
//     class: model_suspicious, suspicious_low_margin_fallback when
//     Malicious was not certain enough, suspicious_confidence_fallback
//     when Benign was not); otherwise Benign.
//  6. post-cap: a Malicious verdict without a force_malicious rule but
//     with a cap_suspicious rule becomes Suspicious.
func (r Router) Route(p []float32, hits []rules.Hit) Route {
	s := summarise(hits)
	out := r.decide(p, s)
	if out.Class == Malicious && s.force == 0 && s.capped > 0 {
		out = Route{Suspicious, max(float64(p[Suspicious]), r.T.CapConfidence), "malicious_to_suspicious_cap"}
	}
	return out
}

func (r Router) decide(p []float32, s hitSummary) Route {
	pb, ps, pm := float64(p[Benign]), float64(p[Suspicious]), float64(p[Malicious])
	switch {
	case s.allow > 0:
		return Route{Benign, max(pb, 0.5), "allow_rule"}
	case s.force > 0:
		return Route{Malicious, max(pm, s.forceConf), "hard_override"}
	case s.promote > 0 && s.capped > 0:
		return Route{Suspicious, max(ps, r.T.CapConfidence), "malicious_to_suspicious_cap"}
	case s.promote > 0:
		return Route{Malicious, max(pm, r.T.PromoteConfidence), "feature_force_malicious"}
	case s.safe > 0 && s.context == 0 && pm < r.T.BenignSafeMaxMalicious:
		return Route{Benign, max(pb, 0.5), "benign_safe_override"}
	}
	return r.byProbability(p, s)
}

func (r Router) byProbability(p []float32, s hitSummary) Route {
	pb, ps, pm := float64(p[Benign]), float64(p[Suspicious]), float64(p[Malicious])
	top, _ := topTwo(p)
	switch {
	case pm >= r.T.Malicious && pm-max(pb, ps) >= r.T.Margin:
		if pm < r.T.Uncorroborated && s.strongContext == 0 && s.capped == 0 {
			// The model alone, with no rule of weight behind it: a
			// reviewer decides, not the model.
			return Route{Suspicious, ps + pm, "malicious_uncorroborated_cap"}
		}
		return Route{Malicious, pm, "model_malicious"}
	case top == Benign && s.context > 0 && (pb < r.T.Benign || s.context >= 2 || s.strongContext > 0):
		return Route{Suspicious, max(ps+pm, 0.5), "suspicious_dual_use_guardrail"}
	case ps+pm >= r.T.Suspicious && top == Suspicious:
		return Route{Suspicious, ps + pm, "model_suspicious"}
	case ps+pm >= r.T.Suspicious && top == Malicious:
		return Route{Suspicious, ps + pm, "suspicious_low_margin_fallback"}
	case ps+pm >= r.T.Suspicious:
		return Route{Suspicious, ps + pm, "suspicious_confidence_fallback"}
	}
	return Route{Benign, pb, "model_benign"}
}

func topTwo(p []float32) (top, second int) {
	top, second = 0, 1
	if p[1] > p[0] {
		top, second = 1, 0
	}
	for c := 2; c < len(p); c++ {
		switch {
		case p[c] > p[top]:
			top, second = c, top
		case p[c] > p[second]:
			second = c
		}
	}
	return top, second
}
