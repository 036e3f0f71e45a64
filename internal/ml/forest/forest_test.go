package forest

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/vigilsec/vigil/internal/ml/artifact"
	"github.com/vigilsec/vigil/internal/ml/vec"
)

// xorData draws 2 informative features whose XOR of signs is the label,
// plus 4 noise features: a problem no single split solves.
func xorData(n int, seed uint64) (*vec.Dense, []int) {
	rng := rand.New(rand.NewPCG(seed, 3))
	X, y := vec.NewDense(n, 6), make([]int, n)
	for i := range n {
		row := X.Row(i)
		for j := range row {
			row[j] = float32(rng.NormFloat64())
		}
		if (row[0] > 0) != (row[1] > 0) {
			y[i] = 1
		}
	}
	return X, y
}

func accuracy(f *Forest, X *vec.Dense, y []int) float64 {
	hit, scratch := 0, make([]float32, f.K)
	for i := range X.Rows {
		if f.Predict(X.Row(i), scratch) == y[i] {
			hit++
		}
	}
	return float64(hit) / float64(X.Rows)
}

func quick() Config {
	c := DefaultConfig()
	c.Trees = 25
	return c
}

func TestForestLearnsXOR(t *testing.T) {
	X, y := xorData(800, 1)
	f, err := Train(X, y, 2, quick())
	if err != nil {
		t.Fatal(err)
	}
	tx, ty := xorData(400, 2)
	if acc := accuracy(f, tx, ty); acc < 0.9 {
		t.Errorf("test accuracy %.3f, want ≥ 0.9", acc)
	}
	p := f.Proba(tx.Row(0), make([]float32, 2))
	if s := p[0] + p[1]; s < 0.999 || s > 1.001 {
		t.Errorf("probabilities sum to %v", s)
	}
}

func TestForestLimits(t *testing.T) {
	X, y := xorData(300, 1)
	cfg := quick()
	cfg.MaxDepth = 3
	f, _ := Train(X, y, 2, cfg)
	for i, tr := range f.Trees {
		if d := tr.Depth(); d > 3 {
			t.Fatalf("tree %d has depth %d over the limit 3", i, d)
		}
	}
	cfg = quick()
	cfg.MinSamplesLeaf, cfg.NoBootstrap, cfg.Trees = 50, true, 3
	f, _ = Train(X, y, 2, cfg)
	for _, tr := range f.Trees {
		if leaves := (tr.Nodes() + 1) / 2; leaves > 300/50 {
			t.Errorf("%d leaves with at least 50 of 300 rows each", leaves)
		}
	}
}

func TestForestIsDeterministicAcrossWorkerCounts(t *testing.T) {
	X, y := xorData(300, 1)
	encode := func(workers int) []byte {
		cfg := quick()
		cfg.Workers = workers
		f, err := Train(X, y, 2, cfg)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := artifact.Save(&buf, f.Artifact("s", []string{"a", "b"})); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	if !bytes.Equal(encode(1), encode(3)) {
		t.Error("1 and 3 workers built different forests")
	}
}

func TestForestArtifact(t *testing.T) {
	X, y := xorData(200, 1)
	f, _ := Train(X, y, 2, quick())
	a := f.Artifact("s", []string{"a", "b"})
	g, err := FromArtifact(a)
	if err != nil {
		t.Fatal(err)
	}
	for i := range X.Rows {
		p, q := f.Proba(X.Row(i), make([]float32, 2)), g.Proba(X.Row(i), make([]float32, 2))
		if !slices.Equal(p, q) {
			t.Fatalf("row %d: %v vs %v", i, p, q)
		}
	}
	tests := []struct {
		name   string
		tensor string
		edit   func(t *artifact.Tensor)
	}{
		{"child pointing back to the root", "left", func(t *artifact.Tensor) { t.I64[0] = 0 }},
		{"feature out of range", "feature", func(t *artifact.Tensor) { t.I64[0] = 99 }},
		{"offsets past the end", "node_offsets", func(t *artifact.Tensor) { t.I64[1] = 1 << 40 }},
	}
	for _, tc := range tests {
		t.Run(tc.name+" is rejected", func(t *testing.T) {
			b := f.Artifact("s", []string{"a", "b"})
			for i := range b.Tensors {
				b.Tensors[i].I64 = slices.Clone(b.Tensors[i].I64)
			}
			tn, _ := b.Tensor(tc.tensor)
			tc.edit(tn)
			if _, err := FromArtifact(b); err == nil {
				t.Error("accepted")
			}
		})
	}
}

func BenchmarkPredict(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	X, y := vec.NewDense(2000, 41), make([]int, 2000)
	for i := range X.Rows {
		row := X.Row(i)
		for j := range row {
			row[j] = float32(rng.NormFloat64())
		}
		if row[0]+row[1]*row[2] > 0 {
			y[i]++
		}
		if row[3] > 1 {
			y[i] += 2
		}
	}
	cfg := DefaultConfig()
	f, _ := Train(X, y, 4, cfg)
	scratch := make([]float32, 4)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		f.Predict(X.Row(i%X.Rows), scratch)
	}
}
