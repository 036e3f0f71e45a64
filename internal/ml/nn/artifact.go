package nn

import (
	"fmt"
	"math"
	"slices"

	"github.com/vigilsec/vigil/internal/ml/artifact"
)

// Kind identifies ByteCNN models in artifacts.
const Kind = "nn.bytecnn"

// Artifact packs the model for artifact.Save: the raw weights (embedding,
// convolution kernels and biases, dense layers), the temperature, and the
// architecture in metadata. The folded tables are not stored; FromArtifact
// recomputes them. The caller may add metadata (training data, metrics).
func (m *ByteCNN) Artifact(schemaHash string, classes []string) *artifact.Artifact {
	a := &artifact.Artifact{Kind: Kind, SchemaHash: schemaHash, Classes: classes, Metadata: m.Arch.metadata()}
	for _, p := range m.ps {
		a.Add(artifact.Tensor{Name: p.name, Shape: p.shape, F32: p.data})
	}
	a.Add(artifact.Tensor{Name: "temperature", Shape: []int{}, F32: []float32{m.Temperature}})
	return a
}

// FromArtifact rebuilds a model, checking the kind, the architecture and
// every tensor's shape before it folds the tables.
func FromArtifact(a *artifact.Artifact) (*ByteCNN, error) {
	if a.Kind != Kind {
		return nil, fmt.Errorf("artifact kind %q is not %q", a.Kind, Kind)
	}
	arch, err := archFromMetadata(a.Metadata)
	if err != nil {
		return nil, fmt.Errorf("bytecnn artifact: %w", err)
	}
	k := len(a.Classes)
	if k < 2 {
		return nil, fmt.Errorf("bytecnn artifact: %d classes, want at least 2", k)
	}
	ps := layout(arch, k)
	for i := range ps {
		if ps[i].data, err = paramData(a, ps[i]); err != nil {
			return nil, fmt.Errorf("bytecnn artifact: %w", err)
		}
	}
	t, err := a.F32("temperature", 1)
	if err != nil {
		return nil, fmt.Errorf("bytecnn artifact: %w", err)
	}
	if !(t[0] > 0) {
		return nil, fmt.Errorf("bytecnn artifact: temperature %v is not positive", t[0])
	}
	m, err := newByteCNN(arch, k, ps)
	if err != nil {
		return nil, fmt.Errorf("bytecnn artifact: %w", err)
	}
	m.Temperature = t[0]
	return m, nil
}

// paramData returns the data of the tensor named p.name after checking that
// it is float32 of exactly p.shape. The model keeps the artifact's slice, so
// loading allocates nothing but the folded tables.
func paramData(a *artifact.Artifact, p param) ([]float32, error) {
	t, err := a.Tensor(p.name)
	if err != nil {
		return nil, err
	}
	if !slices.Equal(t.Shape, p.shape) || t.F32 == nil || len(t.F32) != p.size() {
		return nil, fmt.Errorf("tensor %s has shape %v (float32: %t), want float32 %v",
			p.name, t.Shape, t.F32 != nil, p.shape)
	}
	for _, v := range t.F32 {
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			return nil, fmt.Errorf("tensor %s holds a non-finite weight", p.name)
		}
	}
	return t.F32, nil
}
