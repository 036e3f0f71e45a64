package linear

import (
	"bytes"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/vigilsec/vigil/internal/ml/artifact"
	"github.com/vigilsec/vigil/internal/ml/metrics"
	"github.com/vigilsec/vigil/internal/ml/vec"
)

const dim, k = 512, 3

// synthetic draws n examples: each has 4 features from its class's block of
// 16 and 4 shared noise features; flip is the share of labels randomised.
func synthetic(n int, flip float64, seed uint64) Dataset {
	rng := rand.New(rand.NewPCG(seed, 1))
	d := Dataset{X: make([]vec.Sparse, n), Y: make([]int, n)}
	for i := range n {
		y := rng.IntN(k)
		feats := map[uint32]float32{}
		for range 4 {
			feats[uint32(y*16+rng.IntN(16))] += 1
			feats[uint32(100+rng.IntN(300))] += 1
		}
		idx := make([]uint32, 0, len(feats))
		for j := range feats {
			idx = append(idx, j)
		}
		slices.Sort(idx)
		x := vec.Sparse{Index: idx, Value: make([]float32, len(idx))}
		for n, j := range idx {
			x.Value[n] = feats[j] / 3
		}
		if rng.Float64() < flip {
			y = rng.IntN(k)
		}
		d.X[i], d.Y[i] = x, y
	}
	return d
}

func quickConfig() Config {
	c := DefaultConfig()
	c.Epochs, c.BatchSize, c.Patience = 15, 32, 4
	return c
}

func TestTrainLearnsSeparableProblem(t *testing.T) {
	m, rep, err := Train(dim, k, synthetic(600, 0, 1), synthetic(200, 0, 2), quickConfig())
	if err != nil {
		t.Fatal(err)
	}
	test := synthetic(300, 0, 3)
	if f1 := metrics.MacroF1(test.Y, m.Evaluate(test), k); f1 < 0.97 {
		t.Errorf("test macro-F1 = %.3f, want ≥ 0.97 (report %+v)", f1, rep)
	}
}

func TestTrainNoisyProblemKeepsBestEpoch(t *testing.T) {
	val := synthetic(200, 0.3, 5)
	m, rep, err := Train(dim, k, synthetic(600, 0.3, 4), val, quickConfig())
	if err != nil {
		t.Fatal(err)
	}
	test := synthetic(400, 0, 6) // clean labels: what the model should have learnt
	if f1 := metrics.MacroF1(test.Y, m.Evaluate(test), k); f1 < 0.85 {
		t.Errorf("clean test macro-F1 = %.3f, want ≥ 0.85", f1)
	}
	t.Run("the returned weights are the best epoch's", func(t *testing.T) {
		best := 0.0
		for _, h := range rep.History {
			best = max(best, h.ValMacroF1)
		}
		got := metrics.MacroF1(val.Y, m.Evaluate(val), k)
		if rep.BestValF1 != best || got != best || rep.History[rep.BestEpoch].ValMacroF1 != best {
			t.Errorf("final val F1 %.4f, best in history %.4f, report %.4f at %d", got, best, rep.BestValF1, rep.BestEpoch)
		}
	})
	t.Run("patience stops training", func(t *testing.T) {
		if rep.StoppedEarly && len(rep.History) != rep.BestEpoch+1+quickConfig().Patience {
			t.Errorf("stopped after %d epochs, best %d", len(rep.History), rep.BestEpoch)
		}
	})
}

func TestTrainIsDeterministic(t *testing.T) {
	cfg := quickConfig()
	cfg.Epochs = 3
	a, _, _ := Train(dim, k, synthetic(200, 0.1, 1), synthetic(50, 0.1, 2), cfg)
	b, _, _ := Train(dim, k, synthetic(200, 0.1, 1), synthetic(50, 0.1, 2), cfg)
	if !slices.Equal(a.W, b.W) || !slices.Equal(a.B, b.B) {
		t.Error("same seed, different weights")
	}
}

func TestTrainRejectsBadConfig(t *testing.T) {
	d := synthetic(10, 0, 1)
	bad := []func(*Config){
		func(c *Config) { c.Epochs = 0 },
		func(c *Config) { c.LR = 0 },
		func(c *Config) { c.ClassWeights = []float64{1} },
	}
	for i, mutate := range bad {
		c := quickConfig()
		mutate(&c)
		if _, _, err := Train(dim, k, d, d, c); err == nil {
			t.Errorf("config %d accepted", i)
		}
	}
}

func TestCalibrateAndArtifactRoundTrip(t *testing.T) {
	m, _, err := Train(dim, k, synthetic(400, 0.2, 1), synthetic(200, 0.2, 2), quickConfig())
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Calibrate(synthetic(300, 0.2, 3)); err != nil || m.Temperature == 1 {
		t.Fatalf("temperature %v, err %v", m.Temperature, err)
	}
	var buf bytes.Buffer
	if err := artifact.Save(&buf, m.Artifact("hash", []string{"a", "b", "c"})); err != nil {
		t.Fatal(err)
	}
	a, err := artifact.Load(&buf, "hash")
	if err != nil {
		t.Fatal(err)
	}
	got, err := FromArtifact(a)
	if err != nil {
		t.Fatal(err)
	}
	x := synthetic(1, 0, 9).X[0]
	p1, p2 := m.Proba(x, make([]float32, k)), got.Proba(x, make([]float32, k))
	if !slices.Equal(p1, p2) {
		t.Errorf("probabilities differ after round trip: %v vs %v", p1, p2)
	}
	t.Run("int8 weights stay within a quantisation step", func(t *testing.T) {
		var buf bytes.Buffer
		if err := artifact.Save(&buf, m.ArtifactQ8("hash", []string{"a", "b", "c"})); err != nil {
			t.Fatal(err)
		}
		a, err := artifact.Load(&buf, "hash")
		if err != nil {
			t.Fatal(err)
		}
		q, err := FromArtifact(a)
		if err != nil {
			t.Fatal(err)
		}
		if q.W != nil || q.Q == nil {
			t.Fatal("an int8 artifact should load as int8 weights (Model.Q)")
		}
		scale, _ := a.F32("W_scale", k)
		qw := q.weights()
		for i, w := range m.W {
			if d := math.Abs(float64(w - qw[i])); d > float64(scale[i%k])/2+1e-6 {
				t.Fatalf("weight %d: %v became %v", i, w, qw[i])
			}
		}
		x := synthetic(1, 0, 9).X[0]
		want := make([]float32, k)
		copy(want, q.B)
		for n, j := range x.Index {
			for c := range k {
				want[c] += x.Value[n] * qw[int(j)*k+c]
			}
		}
		for c, z := range q.Logits(x, make([]float32, k)) {
			if math.Abs(float64(z-want[c])) > 1e-4 {
				t.Errorf("int8 logits %d: %v, dequantised %v", c, z, want[c])
			}
		}
		pred := 0
		for _, x := range synthetic(200, 0.2, 4).X {
			if m.Predict(x, make([]float32, k)) == q.Predict(x, make([]float32, k)) {
				pred++
			}
		}
		if pred < 195 {
			t.Errorf("int8 model agrees with float model on %d/200 predictions", pred)
		}
	})
}

func BenchmarkPredict(b *testing.B) {
	m, _ := New(1<<18, 5)
	rng := rand.New(rand.NewPCG(1, 1))
	for i := range m.W {
		m.W[i] = float32(rng.NormFloat64())
	}
	// 770 non-zeros: what a 200-byte command line yields under the default schema.
	idx := make([]uint32, 770)
	for i := range idx {
		idx[i] = uint32(i * 340)
	}
	x := vec.Sparse{Index: idx, Value: make([]float32, len(idx))}
	scratch := make([]float32, 5)
	b.ReportAllocs()
	for b.Loop() {
		m.Predict(x, scratch)
	}
}
