package session

import (
	"bytes"
	"math"
	"reflect"
	"testing"
)

func TestGenerateIsDeterministicPerSeed(t *testing.T) {
	a, b, c := Generate(500, 7), Generate(500, 7), Generate(500, 8)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same seed, different rows")
	}
	if reflect.DeepEqual(a, c) {
		t.Fatal("different seeds, same rows")
	}
}

func TestGenerateDrawsValidRowsAtTheClassPriors(t *testing.T) {
	const n = 20000
	count := map[string]int{}
	profiles := map[string]bool{}
	for _, ex := range Generate(n, 1) {
		if err := Validate(ex.Features); err != nil {
			t.Fatalf("generated an invalid row %+v: %v", ex, err)
		}
		count[ex.Label]++
		profiles[ex.Profile] = true
	}
	for c, name := range Classes {
		share := float64(count[name]) / n
		if math.Abs(share-classes[c].prior) > 0.015 {
			t.Errorf("%s: share %.3f, prior %.3f", name, share, classes[c].prior)
		}
	}
	if len(profiles) != 15 {
		t.Errorf("%d profiles drawn, want all 15", len(profiles))
	}
}

// TestGeneratedClassesOverlap guards the point of the generator: the
// classes share regions of feature space, so no single feature
// separates them.
func TestGeneratedClassesOverlap(t *testing.T) {
	var normalSQL, injectionNoSQL, normalFailed, reconSlow int
	for _, ex := range Generate(20000, 3) {
		switch {
		case ex.Label == "Normal" && ex.SQLPayload == 1:
			normalSQL++
		case ex.Label == "Injection" && ex.SQLPayload == 0:
			injectionNoSQL++
		case ex.Label == "Normal" && ex.FailedLogins >= 5:
			normalFailed++
		case ex.Label == "Recon" && ex.RequestRate < 50:
			reconSlow++
		}
	}
	for name, n := range map[string]int{"Normal with SQL": normalSQL, "Injection without SQL": injectionNoSQL, "Normal with ≥5 failed logins": normalFailed, "Recon under 50 req/s": reconSlow} {
		if n < 30 {
			t.Errorf("%s: only %d rows; the classes should overlap", name, n)
		}
	}
}

func TestJSONLRoundTrip(t *testing.T) {
	ex := Generate(50, 2)
	var buf bytes.Buffer
	if err := WriteJSONL(&buf, ex); err != nil {
		t.Fatal(err)
	}
	got, err := ReadJSONL(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, ex) {
		t.Fatal("rows changed in a JSONL round trip")
	}
}

func TestReadJSONLRejectsBadRows(t *testing.T) {
	for name, line := range map[string]string{
		"unknown label":  with("failed_logins", "1") + "\n",
		"label missing":  validJSON + "\n",
		"invalid value":  `{"failed_logins":999,"request_rate":50,"commands_count":3,"sql_payload":0,"honeytoken_access":0,"session_time":300,"label":"Normal"}` + "\n",
		"profile number": `{"failed_logins":1,"request_rate":50,"commands_count":3,"sql_payload":0,"honeytoken_access":0,"session_time":300,"label":"Normal","profile":3}` + "\n",
	} {
		if _, err := ReadJSONL(bytes.NewBufferString(line)); err == nil {
			t.Errorf("%s: accepted %s", name, line)
		}
	}
}
