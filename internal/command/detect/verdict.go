package detect

import "github.com/vigilsec/vigil/internal/command/rules"

// Verdict is the detector's answer for one command line; its JSON form is
// the contract of `vigil scan` and POST /v1/scan.
type Verdict struct {
	Command    string  `json:"command"`
	Label      string  `json:"label"`
	Confidence float64 `json:"confidence"`
	Action     string  `json:"action"`
	Scores     Scores  `json:"scores"`
	Reason     string  `json:"reason"`
	// Deobfuscated is the deobfuscated line, nil when deobfuscation left
	// the line unchanged.
	Deobfuscated *string `json:"deobfuscated"`
	// DecodedPayload is the first decoded layer (the script inside
	// -EncodedCommand, a Base64 pipe ...), nil when none was decoded.
	DecodedPayload *string `json:"decoded_payload"`
	Obfuscated     bool    `json:"obfuscated"`
	// Techniques are the merged raw and payload ATT&CK techniques, best
	// first, at most MaxTechniques; PayloadTechniques those of the decoded
	// line alone (empty when it was not changed).
	Techniques        []Technique `json:"techniques"`
	PayloadTechniques []Technique `json:"payload_techniques,omitempty"`
	// Evidence lists the rules that fired, then the deobfuscation steps.
	Evidence []Evidence `json:"evidence"`
	// Executables are the programs the line runs, in order.
	Executables []string `json:"executables"`
	Warnings    []string `json:"warnings,omitempty"`
	ElapsedUS   int64    `json:"elapsed_us"`
}

// Scores are Tier 1's calibrated class probabilities.
type Scores struct {
	Benign     float64 `json:"Benign"`
	Suspicious float64 `json:"Suspicious"`
	Malicious  float64 `json:"Malicious"`
}

// Technique is one ranked ATT&CK technique.
type Technique struct {
	ID         string   `json:"id"`
	Name       string   `json:"name"`
	Tactics    []string `json:"tactics"`
	Confidence float64  `json:"confidence"`
}

// Evidence is one reason behind a verdict: a rule that fired (Kind
// "rule": ID, Title, Level, Action, Tags) or a deobfuscation step (Kind
// "deobfuscation": Transform, Pass).
type Evidence struct {
	Kind      string       `json:"kind"`
	ID        string       `json:"id,omitempty"`
	Title     string       `json:"title,omitempty"`
	Level     rules.Level  `json:"level,omitempty"`
	Action    rules.Action `json:"action,omitempty"`
	Tags      []string     `json:"tags,omitempty"`
	Transform string       `json:"transform,omitempty"`
	Pass      int          `json:"pass,omitempty"`
}
