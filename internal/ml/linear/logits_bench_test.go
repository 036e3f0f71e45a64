package linear

import (
	"math/rand/v2"
	"testing"

	"github.com/vigilsec/vigil/internal/ml/vec"
)

// benchModels returns a Tier-2-sized model in float32 and int8 form and
// a feature vector of a long command line.
func benchModels() (*Model, *Model, vec.Sparse) {
	m, _ := New(135168, 124)
	rng := rand.New(rand.NewPCG(1, 1))
	for i := range m.W {
		m.W[i] = float32(rng.NormFloat64())
	}
	q, _ := FromArtifact(m.ArtifactQ8("h", make([]string, 124)))
	var x vec.Sparse
	for range 400 {
		x.Index = append(x.Index, uint32(rng.IntN(135168)))
		x.Value = append(x.Value, 0.05)
	}
	return m, q, x
}

func BenchmarkLogitsF32(b *testing.B) {
	m, _, x := benchModels()
	out := make([]float32, 124)
	for b.Loop() {
		m.Logits(x, out)
	}
}

func BenchmarkLogitsQ8(b *testing.B) {
	_, q, x := benchModels()
	out := make([]float32, 124)
	for b.Loop() {
		q.Logits(x, out)
	}
}
