package detect

import (
	"testing"

	"github.com/vigilsec/vigil/internal/command/rules"
)

func hit(a rules.Action, level rules.Level) rules.Hit {
	return rules.Hit{ID: "t." + string(a), Action: a, Level: level, Confidence: 0.97}
}

func TestRoute(t *testing.T) {
	r := Router{T: DefaultThresholds()}
	benign := []float32{0.9, 0.05, 0.05}
	unsure := []float32{0.45, 0.3, 0.25}
	mal := []float32{0.05, 0.05, 0.9}
	weakMal := []float32{0.3, 0.1, 0.6}
	sus := []float32{0.2, 0.7, 0.1}
	tests := []struct {
		name   string
		p      []float32
		hits   []rules.Hit
		class  int
		reason string
	}{
		{"a confident benign model with no rules is Benign", benign, nil, Benign, "model_benign"},
		{"force_malicious overrides a benign model", benign, []rules.Hit{hit(rules.ForceMalicious, rules.High)}, Malicious, "hard_override"},
		{"an allow rule wins over everything", mal, []rules.Hit{hit(rules.Allow, rules.Informational), hit(rules.ForceMalicious, rules.High)}, Benign, "allow_rule"},
		{"promote makes Malicious", benign, []rules.Hit{hit(rules.Promote, rules.High)}, Malicious, "feature_force_malicious"},
		{"a cap turns promotion into Suspicious", benign, []rules.Hit{hit(rules.Promote, rules.High), hit(rules.CapSuspicious, rules.Low)}, Suspicious, "malicious_to_suspicious_cap"},
		{"a cap turns a model Malicious into Suspicious", mal, []rules.Hit{hit(rules.CapSuspicious, rules.Low)}, Suspicious, "malicious_to_suspicious_cap"},
		{"a cap does not soften a hard override", mal, []rules.Hit{hit(rules.ForceMalicious, rules.High), hit(rules.CapSuspicious, rules.Low)}, Malicious, "hard_override"},
		{"benign_safe decides Benign when P(Malicious) is low", unsure, []rules.Hit{hit(rules.BenignSafe, rules.Informational)}, Benign, "benign_safe_override"},
		{"benign_safe does not override a likely-malicious model", mal, []rules.Hit{hit(rules.BenignSafe, rules.Informational)}, Malicious, "model_malicious"},
		{"benign_safe yields to a requires_context rule", unsure, []rules.Hit{hit(rules.BenignSafe, rules.Informational), hit(rules.RequiresContext, rules.Low)}, Suspicious, "suspicious_dual_use_guardrail"},
		{"a confident Malicious model is Malicious", mal, nil, Malicious, "model_malicious"},
		{"a weak Malicious model falls back to Suspicious", weakMal, nil, Suspicious, "suspicious_low_margin_fallback"},
		{"a Suspicious top class is Suspicious", sus, nil, Suspicious, "model_suspicious"},
		{"an unsure Benign top class with no signal stays Benign", []float32{0.6, 0.2, 0.2}, nil, Benign, "model_benign"},
		{"an unsure Benign top class with a context rule is Suspicious", []float32{0.5, 0.3, 0.2}, []rules.Hit{hit(rules.RequiresContext, rules.Low)}, Suspicious, "suspicious_dual_use_guardrail"},
		{"a confident Benign model keeps one low context rule Benign", benign, []rules.Hit{hit(rules.RequiresContext, rules.Low)}, Benign, "model_benign"},
		{"two context rules make Suspicious", benign, []rules.Hit{hit(rules.RequiresContext, rules.Low), hit(rules.RequiresContext, rules.Low)}, Suspicious, "suspicious_dual_use_guardrail"},
		{"a medium context rule makes Suspicious", benign, []rules.Hit{hit(rules.RequiresContext, rules.Medium)}, Suspicious, "suspicious_dual_use_guardrail"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := r.Route(tt.p, tt.hits)
			if got.Class != tt.class || got.Reason != tt.reason {
				t.Errorf("got %s (%s), want %s (%s)", Labels[got.Class], got.Reason, Labels[tt.class], tt.reason)
			}
			if got.Confidence < 0 || got.Confidence > 1 {
				t.Errorf("confidence %v outside [0, 1]", got.Confidence)
			}
		})
	}
}

func TestRouteUncorroborated(t *testing.T) {
	th := DefaultThresholds()
	th.Uncorroborated = 0.95
	r := Router{T: th}
	mal := []float32{0.05, 0.05, 0.9}
	if got := r.Route(mal, nil); got.Class != Suspicious || got.Reason != "malicious_uncorroborated_cap" {
		t.Errorf("model alone at 0.9 under a 0.95 bar: got %s (%s), want Suspicious", Labels[got.Class], got.Reason)
	}
	if got := r.Route(mal, []rules.Hit{hit(rules.RequiresContext, rules.Medium)}); got.Class != Malicious {
		t.Errorf("a medium rule corroborates: got %s (%s), want Malicious", Labels[got.Class], got.Reason)
	}
	if got := r.Route([]float32{0.01, 0.01, 0.98}, nil); got.Class != Malicious {
		t.Errorf("0.98 clears the bar: got %s (%s)", Labels[got.Class], got.Reason)
	}
	th.Uncorroborated = 0
	if got := (Router{T: th}).Route(mal, nil); got.Class != Malicious {
		t.Errorf("0 turns the check off: got %s (%s)", Labels[got.Class], got.Reason)
	}
}

func TestThresholdsValidate(t *testing.T) {
	if err := DefaultThresholds().Validate(); err != nil {
		t.Fatal(err)
	}
	bad := DefaultThresholds()
	bad.Malicious = 1.5
	if err := bad.Validate(); err == nil {
		t.Error("malicious threshold 1.5 accepted")
	}
}

func TestTopK(t *testing.T) {
	tests := []struct {
		p    []float32
		k    int
		want []int
	}{
		{[]float32{0.1, 0.5, 0.2, 0.9, 0.3}, 3, []int{3, 1, 4}},
		{[]float32{0.2, 0.2, 0.1}, 2, []int{0, 1}},
		{[]float32{0.7}, 5, []int{0}},
		{[]float32{1, 2, 3, 4, 5, 6}, 5, []int{5, 4, 3, 2, 1}},
	}
	for _, tt := range tests {
		dst := make([]int, tt.k)
		n := topK(tt.p, dst)
		if n != len(tt.want) {
			t.Errorf("topK(%v, %d) returned %d, want %d", tt.p, tt.k, n, len(tt.want))
			continue
		}
		for i := range tt.want {
			if dst[i] != tt.want[i] {
				t.Errorf("topK(%v, %d) = %v, want %v", tt.p, tt.k, dst[:n], tt.want)
				break
			}
		}
	}
}
