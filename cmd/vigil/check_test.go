package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckConfig(t *testing.T) {
	dir := t.TempDir()
	rules := filepath.Join(dir, "rules.yaml")
	os.WriteFile(rules, []byte("not: [valid\n"), 0o644)
	tests := []struct {
		name, yaml, err string
	}{
		{"a full valid file", "command:\n  thresholds: {malicious: 0.8}\nserver:\n  addr: 127.0.0.1:7000\n  alert_level: Malicious\n  max_batch: 64\n", ""},
		{"unknown key names the line", "server:\n  port: 80\n", "line 2: field port not found"},
		{"bad value names the field", "server:\n  alert_level: Critical\n", "server.alert_level"},
		{"a rule file that does not compile", "command:\n  rules: [" + rules + "]\n", "command.rules"},
		{"a models directory that does not exist", "command:\n  models: " + filepath.Join(dir, "none") + "\n", "command.models"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "vigil.yaml")
			os.WriteFile(p, []byte(tt.yaml), 0o644)
			out, err := run(t, "", "check", "config", p)
			switch {
			case tt.err == "" && (err != nil || !strings.HasSuffix(out, ": ok\n")):
				t.Errorf("valid file: %v %q", err, out)
			case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
				t.Errorf("error %v, want one containing %q", err, tt.err)
			}
		})
	}
	if _, err := run(t, "", "check", "config", filepath.Join(dir, "missing.yaml")); err == nil {
		t.Error("a missing file passed")
	}
}
