package iforest

import (
	"bytes"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/vigilsec/vigil/internal/ml/artifact"
	"github.com/vigilsec/vigil/internal/ml/metrics"
	"github.com/vigilsec/vigil/internal/ml/vec"
)

func TestC(t *testing.T) {
	tests := []struct {
		n    int
		want float64
	}{
		{1, 0}, {2, 1},
		{256, 2*(math.Log(255)+eulerGamma) - 2*255.0/256}, // ≈ 10.24
	}
	for _, tc := range tests {
		if got := C(tc.n); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("C(%d) = %v, want %v", tc.n, got, tc.want)
		}
	}
}

// blob draws n normal rows around 0 and m anomalies far out.
func blob(n, m int, seed uint64) (*vec.Dense, []bool) {
	rng := rand.New(rand.NewPCG(seed, 5))
	X, anomaly := vec.NewDense(n+m, 4), make([]bool, n+m)
	for i := range n + m {
		for j := range 4 {
			v := rng.NormFloat64()
			if i >= n {
				v = 6 + rng.NormFloat64()
				anomaly[i] = true
			}
			X.Row(i)[j] = float32(v)
		}
	}
	return X, anomaly
}

func TestIsolationForestSeparatesOutliers(t *testing.T) {
	X, anomaly := blob(1000, 20, 1)
	cfg := DefaultConfig()
	cfg.Contamination = 0.02
	f, err := Train(X, cfg)
	if err != nil {
		t.Fatal(err)
	}
	scores := make([]float64, X.Rows)
	flagged := 0
	for i := range scores {
		scores[i] = f.Score(X.Row(i))
		if f.IsAnomaly(X.Row(i)) {
			flagged++
		}
	}
	if auc := metrics.ROCAUC(anomaly, scores); auc < 0.99 {
		t.Errorf("AUC = %.3f, want ≥ 0.99", auc)
	}
	t.Run("contamination sets the flagged share", func(t *testing.T) {
		if flagged < 10 || flagged > 30 {
			t.Errorf("%d of %d flagged at 2%% contamination", flagged, X.Rows)
		}
	})
	t.Run("scores follow the paper's scale", func(t *testing.T) {
		if s := f.Score(X.Row(0)); s > 0.55 {
			t.Errorf("normal point scores %.3f", s)
		}
		if s := f.Score([]float32{20, 20, 20, 20}); s < 0.65 {
			t.Errorf("far outlier scores %.3f", s)
		}
	})
}

func TestIsolationForestArtifactAndDeterminism(t *testing.T) {
	X, _ := blob(300, 5, 2)
	cfg := DefaultConfig()
	cfg.Trees, cfg.Workers = 20, 1
	f, _ := Train(X, cfg)
	cfg.Workers = 3
	g, _ := Train(X, cfg)
	var buf bytes.Buffer
	if err := artifact.Save(&buf, f.Artifact("s")); err != nil {
		t.Fatal(err)
	}
	a, err := artifact.Load(&buf, "s")
	if err != nil {
		t.Fatal(err)
	}
	h, err := FromArtifact(a)
	if err != nil {
		t.Fatal(err)
	}
	for i := range X.Rows {
		s := f.Score(X.Row(i))
		if s != g.Score(X.Row(i)) || s != h.Score(X.Row(i)) {
			t.Fatalf("row %d scores differ across workers or after round trip", i)
		}
	}
	t.Run("a looping tree is rejected", func(t *testing.T) {
		bad := f.Artifact("s")
		left, _ := bad.Tensor("left")
		left.I64[0] = 0
		if _, err := FromArtifact(bad); err == nil {
			t.Error("accepted")
		}
	})
}

func TestTrainRejectsBadConfig(t *testing.T) {
	X, _ := blob(10, 0, 1)
	for _, c := range []float64{-0.1, 0.5} {
		cfg := DefaultConfig()
		cfg.Contamination = c
		if _, err := Train(X, cfg); err == nil {
			t.Errorf("contamination %v accepted", c)
		}
	}
}

func BenchmarkScore(b *testing.B) {
	X, _ := blob(5000, 0, 1)
	f, _ := Train(X, DefaultConfig())
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		f.Score(X.Row(i % X.Rows))
	}
}
