package rules

import "fmt"

// Action says what a hit means to the verdict router.
type Action string

// The actions, from strongest to weakest; see docs/rules.md.
const (
	// ForceMalicious is a hard override: the verdict is Malicious.
	ForceMalicious Action = "force_malicious"
	// Promote pushes the verdict to Malicious unless a cap rule also fired.
	Promote Action = "promote"
	// CapSuspicious keeps a promoted verdict at Suspicious.
	CapSuspicious Action = "cap_suspicious"
	// RequiresContext marks dual-use activity: Suspicious when the model
	// is unsure, with action requires_context.
	RequiresContext Action = "requires_context"
	// BenignSafe marks routine administration that may be routed Benign.
	BenignSafe Action = "benign_safe"
	// Allow is a user exception; its hits are counted (Engine.AllowHits).
	Allow Action = "allow"
)

var knownActions = []Action{ForceMalicious, Promote, CapSuspicious, RequiresContext, BenignSafe, Allow}

// Level is a rule's severity, as in Sigma.
type Level string

// The levels, lowest first.
const (
	Informational Level = "informational"
	Low           Level = "low"
	Medium        Level = "medium"
	High          Level = "high"
	Critical      Level = "critical"
)

var knownLevels = []Level{Informational, Low, Medium, High, Critical}

// Rule is a loaded rule, as listed by Engine.Rules.
type Rule struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Description string   `json:"description,omitempty"`
	Level       Level    `json:"level"`
	Action      Action   `json:"action"`
	Tags        []string `json:"tags,omitempty"`
	Confidence  float64  `json:"confidence,omitempty"`
	// Source is the file the rule came from ("builtin/overrides.yaml" for
	// the embedded set).
	Source   string   `json:"source"`
	Examples Examples `json:"examples"`
}

// Examples are command lines a rule must fire on (Positive) and must not
// fire on (Negative); Engine.Test checks them.
type Examples struct {
	Positive []string `yaml:"positive" json:"positive"`
	Negative []string `yaml:"negative" json:"negative"`
}

// Hit is one rule that matched an input. Tags is shared with the engine and
// must not be modified.
type Hit struct {
	ID         string   `json:"id"`
	Title      string   `json:"title"`
	Level      Level    `json:"level"`
	Action     Action   `json:"action"`
	Tags       []string `json:"tags,omitempty"`
	Confidence float64  `json:"confidence,omitempty"`
}

func parseAction(s string) (Action, error) {
	for _, a := range knownActions {
		if Action(s) == a {
			return a, nil
		}
	}
	return "", fmt.Errorf("unknown action %q (want one of %v)", s, knownActions)
}

func parseLevel(s string) (Level, error) {
	for _, l := range knownLevels {
		if Level(s) == l {
			return l, nil
		}
	}
	return "", fmt.Errorf("unknown level %q (want one of %v)", s, knownLevels)
}
