package linear

import (
	"fmt"

	"github.com/vigilsec/vigil/internal/ml/artifact"
)

// Kind identifies linear models in artifacts.
const Kind = "linear.softmax"

// Artifact packs the model for artifact.Save. Extra tensors (such as the IDF
// weights of the feature pipeline) can be added by the caller.
func (m *Model) Artifact(schemaHash string, classes []string) *artifact.Artifact {
	return &artifact.Artifact{
		Kind: Kind, SchemaHash: schemaHash, Classes: classes,
		Tensors: []artifact.Tensor{
			{Name: "W", Shape: []int{m.Dim, m.K}, F32: m.W},
			{Name: "B", Shape: []int{m.K}, F32: m.B},
			{Name: "temperature", Shape: []int{}, F32: []float32{m.Temperature}},
		},
	}
}

// FromArtifact rebuilds a model, checking kind and shapes.
func FromArtifact(a *artifact.Artifact) (*Model, error) {
	if a.Kind != Kind {
		return nil, fmt.Errorf("artifact kind %q is not %q", a.Kind, Kind)
	}
	w, err := a.Tensor("W")
	if err != nil {
		return nil, err
	}
	if len(w.Shape) != 2 || w.F32 == nil || w.Shape[1] != len(a.Classes) {
		return nil, fmt.Errorf("linear artifact: W has shape %v for %d classes", w.Shape, len(a.Classes))
	}
	m, err := New(w.Shape[0], w.Shape[1])
	if err != nil {
		return nil, fmt.Errorf("linear artifact: %w", err)
	}
	b, err := a.F32("B", m.K)
	if err != nil {
		return nil, err
	}
	t, err := a.F32("temperature", 1)
	if err != nil {
		return nil, err
	}
	m.W, m.B, m.Temperature = w.F32, b, t[0]
	if !(m.Temperature > 0) {
		return nil, fmt.Errorf("linear artifact: temperature %v is not positive", m.Temperature)
	}
	return m, nil
}
