package session

import (
	"os"
	"sync"
	"testing"
)

var (
	shippedOnce sync.Once
	shippedD    *Detector
	shippedErr  error
)

// shipped loads the model in models/session/, the one the binary embeds.
func shipped(tb testing.TB) *Detector {
	tb.Helper()
	shippedOnce.Do(func() { shippedD, shippedErr = Load(os.DirFS("../../models")) })
	if shippedErr != nil {
		tb.Fatalf("the shipped model must load (retrain with `vigil session train --out models`): %v", shippedErr)
	}
	return shippedD
}

// TestShippedModelSeedCases are the cases the seed service documented.
func TestShippedModelSeedCases(t *testing.T) {
	d := shipped(t)
	tests := []struct {
		name     string
		f        Features
		want     string
		minRisk  int
		maxRisk  int
		anomaly  bool // is_anomaly must be true
		topAbove string
	}{
		{"SQL payload with few failed logins is Injection", Features{2, 30, 2, 1, 0, 120}, "Injection", HighRisk, MaxRisk, true, "sql_payload"},
		{"120 failed logins over a long session is BruteForce", Features{120, 20, 0, 0, 0, 550}, "BruteForce", HighRisk, MaxRisk, true, "failed_logins"},
		{"550 requests/s with a few commands is Recon", Features{0, 550, 3, 0, 0, 60}, "Recon", 3, MaxRisk, true, "request_rate"},
		{"honeytoken access with many commands is DataExfil", Features{0, 30, 18, 0, 1, 400}, "DataExfil", HighRisk, MaxRisk, true, "commands_count"},
		{"ordinary values are Normal with a low risk", Features{1, 50, 3, 0, 0, 300}, "Normal", MinRisk, 2, false, ""},
		{"all minimum values are Normal with a low risk", Features{0, 1, 0, 0, 0, 10}, "Normal", MinRisk, 2, false, ""},
		{"all maximum values are an anomalous, high-risk attack", Features{150, 600, 20, 1, 1, 600}, "", HighRisk, MaxRisk, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := d.Predict(tt.f)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case tt.want != "" && p.AttackType != tt.want:
				t.Errorf("attack type %s, want %s: %s", p.AttackType, tt.want, p.Explanation)
			case tt.want == "" && p.AttackType == "Normal":
				t.Errorf("all-maximum session called Normal: %s", p.Explanation)
			case p.RiskScore < tt.minRisk || p.RiskScore > tt.maxRisk:
				t.Errorf("risk %d, want %d–%d: %s", p.RiskScore, tt.minRisk, tt.maxRisk, p.Explanation)
			case tt.anomaly && !p.IsAnomaly:
				t.Errorf("not flagged as an anomaly: %s", p.Explanation)
			case tt.topAbove != "" && p.Contributions[0].Feature != tt.topAbove:
				t.Errorf("top contribution %s, want %s: %+v", p.Contributions[0].Feature, tt.topAbove, p.Contributions)
			}
		})
	}
}

func TestShippedModelRecordsItsTraining(t *testing.T) {
	m := shipped(t).Meta()
	for _, k := range []string{"data", "seed", "test_accuracy", "test_macro_f1", "random_forest", "isolation_forest"} {
		if m[k] == "" {
			t.Errorf("artifact metadata lacks %q: %v", k, m)
		}
	}
	if m["random_forest"] != "100 trees, max depth 15, min leaf 20" {
		t.Errorf("random forest %q", m["random_forest"])
	}
}
