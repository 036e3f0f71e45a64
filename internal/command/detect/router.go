package detect

import (
	"fmt"

	"github.com/vigilsec/vigil/internal/command/rules"
)

// Class indices of Tier 1, in model output order.
const (
	Benign = iota
	Suspicious
	Malicious
	numClasses
)

// Labels are the public class names, indexed by class.
var Labels = [numClasses]string{"Benign", "Suspicious", "Malicious"}

// Actions are what each label asks of the caller.
var Actions = [numClasses]string{"pass", "requires_context", "block"}

// Thresholds configure the probability route. The defaults are Genos's.
type Thresholds struct {
	// Malicious is the least P(Malicious) for a Malicious verdict from
	// the model, Margin the least lead it needs over the other classes.
	Malicious float64 `yaml:"malicious" json:"malicious"`
	Margin    float64 `yaml:"margin" json:"margin"`
	// Suspicious is the least P(Suspicious)+P(Malicious) for a
	// Suspicious verdict: below it the line is Benign.
	Suspicious float64 `yaml:"suspicious" json:"suspicious"`
	// Benign is the P(Benign) under which a requires_context rule turns
	// a Benign top class into Suspicious.
	Benign float64 `yaml:"benign" json:"benign"`
	// PromoteConfidence is the confidence floor of a promote rule's
	// Malicious verdict; CapConfidence that of a capped one.
	PromoteConfidence float64 `yaml:"promote_confidence" json:"promote_confidence"`
	CapConfidence     float64 `yaml:"cap_confidence" json:"cap_confidence"`
	// BenignSafeMaxMalicious is the largest P(Malicious) under which a
	// benign_safe rule may decide Benign.
	BenignSafeMaxMalicious float64 `yaml:"benign_safe_max_malicious" json:"benign_safe_max_malicious"`
	// Uncorroborated is the least P(Malicious) for a Malicious verdict
	// from the model alone, when no rule of medium level or above backs
	// it; below it the verdict is Suspicious (requires context). 0 turns
	// the check off.
	Uncorroborated float64 `yaml:"uncorroborated" json:"uncorroborated"`
}

// DefaultThresholds returns Genos's routing values (training tunes
// Malicious, Margin, Suspicious and Benign on validation data and stores
// them in the Tier-1 artifact).
func DefaultThresholds() Thresholds {
	return Thresholds{
		Benign: 0.52, Suspicious: 0.5, Malicious: 0.78, Margin: 0.12,
		PromoteConfidence: 0.86, CapConfidence: 0.78, BenignSafeMaxMalicious: 0.52,
	}
}

// Validate checks every value is a probability.
func (t Thresholds) Validate() error {
	for name, v := range map[string]float64{
		"benign": t.Benign, "suspicious": t.Suspicious, "malicious": t.Malicious, "margin": t.Margin,
		"promote_confidence": t.PromoteConfidence, "cap_confidence": t.CapConfidence,
		"benign_safe_max_malicious": t.BenignSafeMaxMalicious, "uncorroborated": t.Uncorroborated,
	} {
		if !(v >= 0 && v <= 1) {
			return fmt.Errorf("threshold %s = %v: want a value in [0, 1]", name, v)
		}
	}
	return nil
}

// Route is the router's decision.
type Route struct {
	Class      int
	Confidence float64
	// Reason names the rule of the route that decided (see Router.Route).
	Reason string
}

// hitSummary counts the rule hits by action and keeps the strongest
// rule confidence of the overriding ones.
type hitSummary struct {
	force, promote, capped, context, safe, allow int
	// strongContext counts requires_context hits of medium level or
	// above: signals that on their own keep a line out of Benign.
	strongContext int
	forceConf     float64
}

func summarise(hits []rules.Hit) hitSummary {
	var s hitSummary
	for _, h := range hits {
		switch h.Action {
		case rules.ForceMalicious:
			s.force++
			s.forceConf = max(s.forceConf, h.Confidence)
		case rules.Promote:
			s.promote++
		case rules.CapSuspicious:
			s.capped++
		case rules.RequiresContext:
			s.context++
			if h.Level == rules.Medium || h.Level == rules.High || h.Level == rules.Critical {
				s.strongContext++
			}
		case rules.BenignSafe:
			s.safe++
		case rules.Allow:
			s.allow++
		}
	}
	return s
}
