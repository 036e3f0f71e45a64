package session

import (
	"math"
	"strconv"
	"testing"
)

func TestRiskScore(t *testing.T) {
	tests := []struct {
		name                string
		anomaly, confidence float64
		class               int
		want                int
	}{
		{"nothing wrong is still 1", 0, 0, Normal, 1},
		{"a Normal verdict tops out at 2", 5, 5, Normal, 2},
		{"Injection at full risk is 7", 5, 5, ClassIndex("Injection"), 7},
		{"DataExfil at full risk is 6", 5, 5, ClassIndex("DataExfil"), 6},
		{"BruteForce at full risk rounds 5.5 up to 6", 5, 5, ClassIndex("BruteForce"), 6},
		{"Recon at full risk rounds 4.5 up to 5", 5, 5, ClassIndex("Recon"), 5},
		{"weights 0.4 and 0.6", 2.5, 5, ClassIndex("BruteForce"), 4}, // (1 + 3) × 1.1 = 4.4
		{"confident but ordinary", 0, 5, ClassIndex("Injection"), 4}, // 3 × 1.3 = 3.9
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := riskScore(tt.anomaly, tt.confidence, tt.class); got != tt.want {
				t.Fatalf("riskScore(%v, %v, %s) = %d, want %d", tt.anomaly, tt.confidence, Classes[tt.class], got, tt.want)
			}
		})
	}
}

func TestAnomalyRiskIsPiecewiseLinear(t *testing.T) {
	cal := anomalyCal{0.4, 0.5, 0.7}
	tests := []struct{ score, want float64 }{
		{0.1, 0}, {0.4, 0}, {0.45, 1.25}, {0.5, 2.5}, {0.6, 3.75}, {0.7, 5}, {0.95, 5},
	}
	for _, tt := range tests {
		if got := cal.risk(tt.score); got < tt.want-1e-9 || got > tt.want+1e-9 {
			t.Errorf("risk(%v) = %v, want %v", tt.score, got, tt.want)
		}
	}
	if (anomalyCal{0.5, 0.5, 0.5}).valid() || !(anomalyCal{0.4, 0.4, 0.6}).valid() {
		t.Error("valid() must require a spread")
	}
}

func TestConfidenceRiskIsTheAttackProbability(t *testing.T) {
	if confidenceRisk(1) != 0 || confidenceRisk(0) != 5 || confidenceRisk(0.6) != 2 {
		t.Fatal("confidence risk is 5 × (1 − P(Normal))")
	}
}

func TestAppendFixed2(t *testing.T) {
	for _, v := range []float64{0, 0.5, 0.994, 0.995, 1, 0.0234, 12.345, -0.6, -0.004} {
		want := strconv.FormatFloat(math.Round(v*100)/100, 'f', 2, 64)
		if want == "-0.00" {
			want = "0.00"
		}
		if got := string(appendFixed2(nil, v)); got != want {
			t.Errorf("appendFixed2(%v) = %q, want %q", v, got, want)
		}
	}
}
