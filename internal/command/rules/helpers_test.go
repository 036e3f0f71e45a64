package rules

import (
	"os"
	"path/filepath"
	"testing"
)

// writeRules writes a rules file into a temp dir and returns its path.
func writeRules(t testing.TB, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "rules.yaml")
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// loadUser loads only the given YAML (no builtin set).
func loadUser(t testing.TB, body string) *Engine {
	t.Helper()
	e, err := Load(false, writeRules(t, body))
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	return e
}

func hitIDs(hs []Hit) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = h.ID
	}
	return out
}
