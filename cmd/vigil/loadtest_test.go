package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vigilsec/vigil/internal/api/apitest"
	"github.com/vigilsec/vigil/internal/loadtest"
	"github.com/vigilsec/vigil/internal/store"
)

func TestLoadtestCommand(t *testing.T) {
	s := apitest.Start(t)
	key := s.Key("load", 1_000_000, store.ScopeScan)
	report := filepath.Join(t.TempDir(), "load.json")
	out, err := run(t, "", "loadtest", "--url", s.URL, "--key", key, "--requests", "200", "--concurrency", "4",
		"--malicious-share", "0.5", "--sample-every", "20ms", "--report", report)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, want := range []string{"| throughput | **", "| latency p50 / p95 / p99 |", "| errors | **0** |", "Malicious", "| server RSS |"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	b, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	var rep loadtest.Report
	if err := json.Unmarshal(b, &rep); err != nil || rep.Requests != 200 || rep.OK != 200 || rep.Concurrency != 4 {
		t.Errorf("report %s: %v %+v", report, err, rep)
	}
}

func TestLoadtestFailsWithARefusedKey(t *testing.T) {
	s := apitest.Start(t)
	_, err := run(t, "", "loadtest", "--url", s.URL, "--key", "vgl_nope", "--requests", "10")
	if err == nil || !strings.Contains(err.Error(), "refused the key") {
		t.Errorf("error %v, want the key refused", err)
	}
}
