package detect

import "math"

// Verdict is the detector's answer for one request; its JSON form is the
// contract of `vigil http scan` and POST /v1/http/scan.
type Verdict struct {
	Method string `json:"method"`
	Path   string `json:"path"`
	// Label is "attack" or "normal": attack when Score reaches the
	// threshold, when the endpoint profile of normal traffic has never
	// seen this method on this path (evidence kind "anomaly"), or when a
	// parameter holds a URL aimed at the server's own network (evidence
	// kind "rule", type ssrf).
	Label string `json:"label"`
	// Score is the calibrated attack probability (0–1).
	Score float64 `json:"score"`
	// AttackType is the attack class of the part that triggered, or nil
	// for normal requests and attacks no class describes.
	AttackType *string `json:"attack_type"`
	// Anomaly is the share of the normal training traffic that is less
	// unusual than this request (0–1), from the normal-only model.
	Anomaly float64 `json:"anomaly"`
	Scores  Scores  `json:"scores"`
	// Evidence lists the parts that triggered (with their decoded form),
	// then the normalisation steps.
	Evidence  []Evidence `json:"evidence"`
	Warnings  []string   `json:"warnings,omitempty"`
	ElapsedUS int64      `json:"elapsed_us"`
}

// Scores are the individual model outputs.
type Scores struct {
	Linear float64 `json:"linear"`
	// CNN is nil when the linear model was confident enough alone.
	CNN *float64 `json:"cnn"`
	// AnomalyBits is the raw surprisal (bits per n-gram) behind Anomaly.
	AnomalyBits float64 `json:"anomaly_bits"`
	// TypeConfidence is the type model's probability for AttackType.
	TypeConfidence float64 `json:"type_confidence,omitempty"`
}

// Evidence is one reason behind a verdict: a part that scores as an attack
// on its own (Kind "part": Part, Decoded, Score), a normalisation step
// (Kind "normalization": Part, Transform, Pass), a rule (Kind "rule") or
// an anomaly of the endpoint profile (Kind "anomaly").
type Evidence struct {
	Kind      string  `json:"kind"`
	Part      string  `json:"part,omitempty"`
	Decoded   string  `json:"decoded,omitempty"`
	Score     float64 `json:"score,omitempty"`
	Transform string  `json:"transform,omitempty"`
	Pass      int     `json:"pass,omitempty"`
	Rule      string  `json:"rule,omitempty"`
}

// round4 keeps four decimals: enough for a score, and stable JSON.
func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }
