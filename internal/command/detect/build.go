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
	v.Evidence, v.Executables = evidence(a), executables(a)
	return v
}

func evidence(a *command.Analysis) []Evidence {
	e := make([]Evidence, 0, len(a.Rules)+len(a.Deobfuscation.Steps))
	for _, h := range a.Rules {
		e = append(e, Evidence{Kind: "rule", ID: h.ID, Title: h.Title, Level: h.Level, Action: h.Action, Tags: h.Tags})
	}
	for _, s := range a.Deobfuscation.Steps {
		e = append(e, Evidence{Kind: "deobfuscation", Transform: s.Transform, Pass: s.Pass})
	}
	return e
}

func executables(a *command.Analysis) []string {
	out := []string{}
	if a.Parsed == nil {
		return out
	}
	for _, s := range a.Parsed.Segments {
		if s.Executable != "" {
			out = append(out, s.Executable)
		}
	}
	return out
}

// round4 keeps four decimals: enough for a score, and stable JSON.
func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }
