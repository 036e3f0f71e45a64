// Package command is vigil's command-line detector. This file holds its
// model-free half: it deobfuscates a command line, parses it and applies the
// rule set, producing the Analysis that the models and the router build on.
package command

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/vigilsec/vigil/internal/command/parse"
	"github.com/vigilsec/vigil/internal/command/rules"
	"github.com/vigilsec/vigil/internal/deobfuscate"
)

// ErrEmpty is returned for an empty or all-whitespace command line.
var ErrEmpty = errors.New("empty command line")

// ErrTooLarge is returned for a command line over the input limit.
var ErrTooLarge = errors.New("command line too large")

// Analysis is everything vigil learns about a command line without models.
type Analysis struct {
	Command       string             `json:"command"`
	Deobfuscation deobfuscate.Result `json:"deobfuscation"`
	// Parsed is the parse of the deobfuscated text (what would run).
	Parsed *parse.Command `json:"parsed"`
	// ParsedRaw is the parse of the raw text, only when deobfuscation
	// changed it (the launcher's structure: powershell -enc, cmd /c ...).
	ParsedRaw *parse.Command `json:"parsed_raw,omitempty"`
	Rules     []rules.Hit    `json:"rules"`
	// Warnings name input repairs: invalid_utf8, nul_bytes.
	Warnings  []string `json:"warnings,omitempty"`
	ElapsedUS int64    `json:"elapsed_us"`
}

// Analyzer runs deobfuscation, parsing and rules. It is safe for
// concurrent use.
type Analyzer struct {
	rules  *rules.Engine
	limits deobfuscate.Limits
}

// NewAnalyzer returns an Analyzer over a loaded rule engine.
func NewAnalyzer(eng *rules.Engine, lim deobfuscate.Limits) *Analyzer {
	return &Analyzer{rules: eng, limits: lim}
}

// Rules returns the analyzer's rule engine.
func (a *Analyzer) Rules() *rules.Engine { return a.rules }

// Analyze examines one command line. It returns ErrEmpty or ErrTooLarge
// (wrapped, with the sizes) for input it will not examine; any other input
// gets a bounded best effort.
func (a *Analyzer) Analyze(line string) (*Analysis, error) {
	start := time.Now()
	clean, warnings := sanitize(line)
	if strings.TrimSpace(clean) == "" {
		return nil, ErrEmpty
	}
	if len(clean) > a.limits.MaxInput {
		return nil, fmt.Errorf("%w: %d bytes, the limit is %d", ErrTooLarge, len(clean), a.limits.MaxInput)
	}
	clean = strings.TrimSpace(clean)
	an := &Analysis{Command: clean, Warnings: warnings}
	an.Deobfuscation = deobfuscate.RunLimits(clean, a.limits)
	an.Parsed = parse.Parse(an.Deobfuscation.Deobfuscated)
	if an.Deobfuscation.Changed {
		an.ParsedRaw = parse.Parse(clean)
	}
	an.Rules = a.rules.Match(rules.Input{Raw: clean, Deobfuscated: an.Deobfuscation.Deobfuscated, Parsed: an.Parsed})
	if an.Rules == nil {
		an.Rules = []rules.Hit{}
	}
	an.ElapsedUS = time.Since(start).Microseconds()
	return an, nil
}

// sanitize repairs text no shell could have received: NUL bytes are removed
// (a C command line ends at the first NUL, and attackers insert them to split
// signatures) and invalid UTF-8 is replaced with U+FFFD.
func sanitize(s string) (string, []string) {
	var warn []string
	if strings.IndexByte(s, 0) >= 0 {
		s = strings.ReplaceAll(s, "\x00", "")
		warn = append(warn, "nul_bytes")
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
		warn = append(warn, "invalid_utf8")
	}
	return s, warn
}
