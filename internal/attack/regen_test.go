package attack

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// datasetDir returns $VIGIL_DATA or the shared datasets beside the repo.
func datasetDir() string {
	if d := os.Getenv("VIGIL_DATA"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "..", "shared", "datasets")
}

// TestRegenerateIsByteIdentical runs gen/main.go on the dataset and checks that
// it reproduces the embedded catalogue.json exactly.
func TestRegenerateIsByteIdentical(t *testing.T) {
	in := filepath.Join(datasetDir(), "attack", "techniques.json")
	if _, err := os.Stat(in); err != nil {
		t.Skipf("ATT&CK dataset not present (%v): set VIGIL_DATA to the shared datasets folder", err)
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("go tool not on PATH (%v): cannot run gen/main.go", err)
	}
	out := filepath.Join(t.TempDir(), "catalogue.json")
	cmd := exec.Command(goTool, "run", "./gen/main.go", "-in", in,
		"-sources", filepath.Join(datasetDir(), "SOURCES.json"), "-out", out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("gen/main.go: %v\n%s", err, msg)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, embedded) {
		t.Errorf("regenerated catalogue (%d bytes) differs from catalogue.json (%d bytes): run go generate ./internal/attack", len(got), len(embedded))
	}
	checkKeepsEveryTechnique(t, in)
}

// checkKeepsEveryTechnique states the keep rule: every dataset entry is in the
// catalogue, revoked and deprecated ones too.
func checkKeepsEveryTechnique(t *testing.T, path string) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var ds struct {
		Techniques []struct{ ID string } `json:"techniques"`
	}
	if err := json.Unmarshal(raw, &ds); err != nil {
		t.Fatal(err)
	}
	if len(ds.Techniques) != len(All()) {
		t.Errorf("dataset has %d techniques, catalogue %d", len(ds.Techniques), len(All()))
	}
	for _, te := range ds.Techniques {
		if _, ok := Lookup(te.ID); !ok {
			t.Errorf("dataset technique %s missing from the catalogue", te.ID)
		}
	}
}
