package linear

import (
	"fmt"
	"math"

	"github.com/vigilsec/vigil/internal/ml/artifact"
)

// Kind identifies linear models in artifacts.
const Kind = "linear.softmax"

// Artifact packs the model for artifact.Save. Extra tensors (such as the IDF
// weights of the feature pipeline) can be added by the caller.
func (m *Model) Artifact(schemaHash string, classes []string) *artifact.Artifact {
	return m.pack(schemaHash, classes, artifact.Tensor{Name: "W", Shape: []int{m.Dim, m.K}, F32: m.weights()})
}

// ArtifactQ8 is Artifact with the weights quantised to int8 with one scale
// per class (max |w| / 127): a quarter of the size, for models with many
// classes. Scores move by at most half a quantisation step per non-zero
// feature; evaluate the loaded model, not the trained one, when it matters.
func (m *Model) ArtifactQ8(schemaHash string, classes []string) *artifact.Artifact {
	weights := m.weights()
	scale := make([]float32, m.K)
	for j := range m.Dim {
		for c, w := range weights[j*m.K : (j+1)*m.K] {
			scale[c] = max(scale[c], float32(math.Abs(float64(w))))
		}
	}
	for c := range scale {
		scale[c] = max(scale[c]/127, 1e-12)
	}
	q := make([]int8, len(weights))
	for i, w := range weights {
		q[i] = int8(math.Round(float64(w / scale[i%m.K])))
	}
	a := m.pack(schemaHash, classes, artifact.Tensor{Name: "W_q8", Shape: []int{m.Dim, m.K}, I8: q})
	a.Add(artifact.Tensor{Name: "W_scale", Shape: []int{m.K}, F32: scale})
	return a
}

func (m *Model) pack(schemaHash string, classes []string, w artifact.Tensor) *artifact.Artifact {
	return &artifact.Artifact{
		Kind: Kind, SchemaHash: schemaHash, Classes: classes,
		Tensors: []artifact.Tensor{
			w,
			{Name: "B", Shape: []int{m.K}, F32: m.B},
			{Name: "temperature", Shape: []int{}, F32: []float32{m.Temperature}},
		},
	}
}

// FromArtifact rebuilds a model, checking kind and shapes. It reads both
// the float32 and the int8 (ArtifactQ8) weight forms; int8 weights stay
// int8 in memory (Model.Q).
func FromArtifact(a *artifact.Artifact) (*Model, error) {
	if a.Kind != Kind {
		return nil, fmt.Errorf("artifact kind %q is not %q", a.Kind, Kind)
	}
	k := len(a.Classes)
	w, err := a.Tensor("W")
	if err != nil {
		if w, err = a.Tensor("W_q8"); err != nil {
			return nil, fmt.Errorf("linear artifact: no W or W_q8 tensor")
		}
	}
	if len(w.Shape) != 2 || w.Shape[1] != k || k == 0 || w.Shape[0] <= 0 {
		return nil, fmt.Errorf("linear artifact: %s has shape %v for %d classes", w.Name, w.Shape, k)
	}
	m := &Model{Dim: w.Shape[0], K: k}
	switch {
	case w.F32 != nil:
		m.W = w.F32
	case w.I8 != nil:
		if m.Scale, err = a.F32("W_scale", k); err != nil {
			return nil, err
		}
		m.Q = w.I8
	default:
		return nil, fmt.Errorf("linear artifact: %s holds neither float32 nor int8 data", w.Name)
	}
	b, err := a.F32("B", m.K)
	if err != nil {
		return nil, err
	}
	t, err := a.F32("temperature", 1)
	if err != nil {
		return nil, err
	}
	m.B, m.Temperature = b, t[0]
	if !(m.Temperature > 0) {
		return nil, fmt.Errorf("linear artifact: temperature %v is not positive", m.Temperature)
	}
	return m, nil
}

// weights returns the Dim×K float32 weights, dequantising Q.
func (m *Model) weights() []float32 {
	if m.Q == nil {
		return m.W
	}
	w := make([]float32, len(m.Q))
	for i, q := range m.Q {
		w[i] = float32(q) * m.Scale[i%m.K]
	}
	return w
}
