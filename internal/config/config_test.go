package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vigilsec/vigil/internal/command/detect"
)

func write(t *testing.T, s string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "vigil.yaml")
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoad(t *testing.T) {
	tests := []struct {
		name, yaml, err string
	}{
		{"empty file is the defaults", "", ""},
		{"thresholds override", "command:\n  thresholds: {malicious: 0.9, margin: 0.1}\n  min_technique_confidence: 0.1\n", ""},
		{"unknown top-level key", "comand: {}\n", "field comand not found"},
		{"unknown threshold", "command:\n  thresholds: {evil: 0.5}\n", "unknown threshold"},
		{"threshold out of range", "command:\n  thresholds: {malicious: 1.5}\n", "want a value in [0, 1]"},
		{"bad min confidence", "command:\n  min_technique_confidence: 2\n", "min_technique_confidence"},
		{"not YAML", "command: [\n", "config"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(write(t, tt.yaml))
			switch {
			case tt.err == "" && err != nil:
				t.Fatalf("unexpected error %v", err)
			case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
				t.Fatalf("error %v, want one containing %q", err, tt.err)
			}
		})
	}
}

func TestApply(t *testing.T) {
	c, err := Load(write(t, "command:\n  thresholds: {malicious: 0.9}\n"))
	if err != nil {
		t.Fatal(err)
	}
	base := detect.DefaultOptions()
	base.Thresholds.Suspicious = 0.42 // as a model's tuned value
	o, err := c.Command.Apply(base)
	if err != nil {
		t.Fatal(err)
	}
	if o.Thresholds.Malicious != 0.9 || o.Thresholds.Suspicious != 0.42 {
		t.Errorf("thresholds %+v: want malicious overridden and suspicious kept", o.Thresholds)
	}
	if _, err := Load(""); err != nil {
		t.Error(err)
	}
	if _, err := Load("/nonexistent/vigil.yaml"); err == nil {
		t.Error("missing file accepted")
	}
}
