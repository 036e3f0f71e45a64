package linear

import (
	"fmt"

	"github.com/vigilsec/vigil/internal/ml/calibrate"
	"github.com/vigilsec/vigil/internal/ml/vec"
)

// Model is a K-class softmax regression over Dim features.
type Model struct {
	Dim, K int
	W      []float32 // Dim×K, feature-major: W[j*K+c]; nil when Q holds the weights
	B      []float32 // K biases
	// Q and Scale hold the weights of a model loaded from an int8
	// artifact (ArtifactQ8): W[j*K+c] = Q[j*K+c]·Scale[c]. Kept in int8 they
	// take a quarter of the memory; Logits reads them directly.
	Q           []int8
	Scale       []float32
	Temperature float32 // logits are divided by it in Proba; 1 = uncalibrated
}

// New returns a zero model.
func New(dim, k int) (*Model, error) {
	if dim <= 0 || k < 2 {
		return nil, fmt.Errorf("linear model needs dim > 0 and at least 2 classes, got %d, %d", dim, k)
	}
	return &Model{Dim: dim, K: k, W: make([]float32, dim*k), B: make([]float32, k), Temperature: 1}, nil
}

// Logits writes the K raw scores of x into out (len ≥ K) and returns it.
// Indices at or beyond Dim are ignored. It does not allocate.
func (m *Model) Logits(x vec.Sparse, out []float32) []float32 {
	out = out[:m.K]
	if m.Q != nil {
		return m.logitsQ8(x, out)
	}
	copy(out, m.B)
	for i, j := range x.Index {
		if int(j) >= m.Dim {
			continue
		}
		v, row := x.Value[i], m.W[int(j)*m.K:int(j)*m.K+m.K]
		out := out[:len(row)] // one bounds check per row, not per weight
		for c, w := range row {
			out[c] += v * w
		}
	}
	return out
}

// i8f32 maps an int8 weight (as its byte) to float32: a table load is
// cheaper than the integer-to-float conversion in the inner loop.
var i8f32 = func() (t [256]float32) {
	for b := range t {
		t[b] = float32(int8(uint8(b)))
	}
	return t
}()

// logitsQ8 is Logits over int8 weights: the per-class scale is applied
// once, after the sum.
func (m *Model) logitsQ8(x vec.Sparse, out []float32) []float32 {
	clear(out)
	for i, j := range x.Index {
		if int(j) >= m.Dim {
			continue
		}
		v, row := x.Value[i], m.Q[int(j)*m.K:int(j)*m.K+m.K]
		out := out[:len(row)]
		for c, q := range row {
			out[c] += v * i8f32[uint8(q)]
		}
	}
	for c := range out {
		out[c] = out[c]*m.Scale[c] + m.B[c]
	}
	return out
}

// Proba writes the calibrated class probabilities of x into out (len ≥ K).
func (m *Model) Proba(x vec.Sparse, out []float32) []float32 {
	return calibrate.Softmax(out, m.Logits(x, out), m.Temperature)
}

// Predict returns the most likely class, using scratch (len ≥ K) as
// working space; it does not allocate.
func (m *Model) Predict(x vec.Sparse, scratch []float32) int {
	z := m.Logits(x, scratch)
	best := 0
	for c, v := range z {
		if v > z[best] {
			best = c
		}
	}
	return best
}
