package allowlist

import (
	"github.com/vigilsec/vigil/internal/command/detect"
	"github.com/vigilsec/vigil/internal/command/rules"
)

// Reason is the verdict reason of a verdict an allow rule decided.
const Reason = "allow_rule"

// Apply checks a command verdict that is not Benign against the list. On a
// match it makes the verdict Benign (action pass, reason "allow_rule"),
// puts the rule first in its evidence and reports true.
func (l *List) Apply(v *detect.Verdict) bool {
	if v.Label == detect.Labels[detect.Benign] {
		return false
	}
	texts := []string{v.Command}
	if v.Deobfuscated != nil {
		texts = append(texts, *v.Deobfuscated)
	}
	r, ok := l.Match(Detector, texts...)
	if !ok {
		return false
	}
	v.Label, v.Action, v.Reason = detect.Labels[detect.Benign], detect.Actions[detect.Benign], Reason
	v.Confidence = max(v.Scores.Benign, 0.5)
	ev := detect.Evidence{Kind: "rule", ID: "allow:" + r.ID, Title: "allow rule from a false positive",
		Level: rules.Informational, Action: rules.Allow}
	v.Evidence = append([]detect.Evidence{ev}, v.Evidence...)
	return true
}
