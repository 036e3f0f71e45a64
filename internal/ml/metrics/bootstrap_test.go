package metrics

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestBootstrapIntervalCoversAndIsDeterministic(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	n := 400
	yTrue, yPred := make([]int, n), make([]int, n)
	for i := range yTrue {
		yTrue[i] = rng.IntN(2)
		yPred[i] = yTrue[i]
		if rng.Float64() < 0.2 {
			yPred[i] = 1 - yTrue[i]
		}
	}
	cfg := BootstrapConfig{Resamples: 300, Level: 0.95, Seed: 3}
	ci, err := Bootstrap(n, OnLabels(yTrue, yPred, Accuracy), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("interval brackets the estimate", func(t *testing.T) {
		if !(ci.Lo < ci.Estimate && ci.Estimate < ci.Hi) || ci.Valid != 300 {
			t.Errorf("interval %+v", ci)
		}
	})
	t.Run("width matches the binomial standard error", func(t *testing.T) {
		se := math.Sqrt(ci.Estimate * (1 - ci.Estimate) / float64(n))
		if w := ci.Hi - ci.Lo; math.Abs(w-2*1.96*se) > 0.4*2*1.96*se {
			t.Errorf("width %v, expected about %v", w, 2*1.96*se)
		}
	})
	t.Run("same seed gives the same interval", func(t *testing.T) {
		again, _ := Bootstrap(n, OnLabels(yTrue, yPred, Accuracy), cfg)
		if again != ci {
			t.Errorf("%+v != %+v", again, ci)
		}
	})
}

func TestBootstrapSkipsUndefinedResamples(t *testing.T) {
	// Two rows, one positive: many resamples draw a single class.
	pos, scores := []bool{true, false}, []float64{0.9, 0.1}
	auc := func(idx []int) float64 {
		p, s := make([]bool, len(idx)), make([]float64, len(idx))
		for i, j := range idx {
			p[i], s[i] = pos[j], scores[j]
		}
		return ROCAUC(p, s)
	}
	ci, err := Bootstrap(2, auc, BootstrapConfig{Resamples: 100, Level: 0.9, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if ci.Valid == 0 || ci.Valid == 100 || ci.Lo != 1 || ci.Hi != 1 {
		t.Errorf("interval %+v", ci)
	}
}

func TestPairedBootstrap(t *testing.T) {
	n := 300
	rng := rand.New(rand.NewPCG(1, 1))
	yTrue, good, bad := make([]int, n), make([]int, n), make([]int, n)
	for i := range yTrue {
		yTrue[i] = rng.IntN(3)
		good[i], bad[i] = yTrue[i], yTrue[i]
		if rng.Float64() < 0.1 {
			good[i] = (yTrue[i] + 1) % 3
		}
		if rng.Float64() < 0.3 {
			bad[i] = (yTrue[i] + 1) % 3
		}
	}
	cfg := BootstrapConfig{Resamples: 200, Level: 0.95, Seed: 9}
	res, err := PairedBootstrap(n, OnLabels(yTrue, good, Accuracy), OnLabels(yTrue, bad, Accuracy), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if res.Diff.Lo <= 0 || res.AWins != 1 {
		t.Errorf("a clearly better model: %+v", res)
	}
	same, _ := PairedBootstrap(n, OnLabels(yTrue, good, Accuracy), OnLabels(yTrue, good, Accuracy), cfg)
	if same.Diff.Lo != 0 || same.Diff.Hi != 0 || same.AWins != 0 {
		t.Errorf("a model against itself: %+v", same)
	}
}

func TestBootstrapRejectsBadConfig(t *testing.T) {
	f := func([]int) float64 { return 0 }
	for _, cfg := range []BootstrapConfig{{Resamples: 0, Level: 0.95}, {Resamples: 10, Level: 1}} {
		if _, err := Bootstrap(10, f, cfg); err == nil {
			t.Errorf("config %+v accepted", cfg)
		}
	}
	if _, err := Bootstrap(0, f, DefaultBootstrap); err == nil {
		t.Error("zero rows accepted")
	}
}

func TestQuantile(t *testing.T) {
	s := []float64{1, 2, 3, 4, 5}
	for _, tc := range []struct{ q, want float64 }{{0, 1}, {0.5, 3}, {0.125, 1.5}, {1, 5}} {
		if got := Quantile(s, tc.q); got != tc.want {
			t.Errorf("Quantile(%v) = %v, want %v", tc.q, got, tc.want)
		}
	}
}
