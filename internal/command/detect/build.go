package detect

import (
	"math"

	"github.com/vigilsec/vigil/internal/command"
)

func newVerdict(a *command.Analysis, p []float32, r Route) *Verdict {
	v := &Verdict{
		Command:    a.Command,
		Label:      Labels[r.Class],
		Confidence: round4(r.Confidence),
		Action:     Actions[r.Class],
		Scores:     Scores{round4(float64(p[Benign])), round4(float64(p[Suspicious])), round4(float64(p[Malicious]))},
		Reason:     r.Reason,
		Obfuscated: a.Deobfuscation.Obfuscated,
		Warnings:   a.Warnings,
	}
	if a.Deobfuscation.Changed {
		s := a.Deobfuscation.Deobfuscated
		v.Deobfuscated = &s
	}
	if a.Deobfuscation.Payload != "" {
		s := a.Deobfuscation.Payload
		v.DecodedPayload = &s
	}
	v.Evidence = evidence(a)
	return v
}

func evidence(a *command.Analysis) Evidence {
	e := Evidence{Rules: make([]RuleHit, 0, len(a.Rules)), Deobfuscation: make([]Step, 0, len(a.Deobfuscation.Steps))}
	for _, h := range a.Rules {
		tags := h.Tags
		if tags == nil {
			tags = []string{}
		}
		e.Rules = append(e.Rules, RuleHit{ID: h.ID, Title: h.Title, Level: h.Level, Action: h.Action, Tags: tags})
	}
	for _, s := range a.Deobfuscation.Steps {
		e.Deobfuscation = append(e.Deobfuscation, Step{Pass: s.Pass, Transform: s.Transform})
	}
	if a.Parsed != nil {
		for _, s := range a.Parsed.Segments {
			if s.Executable != "" {
				e.Executables = append(e.Executables, s.Executable)
			}
		}
	}
	return e
}

// round4 keeps four decimals: enough for a score, and stable JSON.
func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }
