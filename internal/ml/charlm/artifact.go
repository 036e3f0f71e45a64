package charlm

import (
	"fmt"
	"math"
	"strconv"

	"github.com/vigilsec/vigil/internal/ml/artifact"
)

// Kind identifies n-gram surprisal models in artifacts.
const Kind = "charlm.surprisal"

// Artifact packs the model for artifact.Save.
func (m *Model) Artifact(schemaHash string) *artifact.Artifact {
	a := &artifact.Artifact{Kind: Kind, SchemaHash: schemaHash, Metadata: map[string]string{
		"order": strconv.Itoa(m.Order), "bits": strconv.Itoa(m.Bits), "alpha": strconv.FormatFloat(m.Alpha, 'g', -1, 64),
		"window": strconv.Itoa(m.Window), "max_input": strconv.Itoa(m.MaxInput),
	}}
	a.Add(artifact.Tensor{Name: "surprisal", Shape: []int{len(m.Surprisal)}, F32: m.Surprisal})
	a.Add(artifact.Tensor{Name: "quantiles", Shape: []int{len(m.Quantiles)}, F32: m.Quantiles})
	return a
}

// FromArtifact rebuilds a model, checking the configuration against the
// limits and every value for finiteness and order.
func FromArtifact(a *artifact.Artifact) (*Model, error) {
	if a.Kind != Kind {
		return nil, fmt.Errorf("kind %q, want %q", a.Kind, Kind)
	}
	var cfg Config
	var err error
	for key, dst := range map[string]*int{"order": &cfg.Order, "bits": &cfg.Bits, "window": &cfg.Window, "max_input": &cfg.MaxInput} {
		if *dst, err = strconv.Atoi(a.Meta(key)); err != nil {
			return nil, fmt.Errorf("metadata %q: %w", key, err)
		}
	}
	if cfg.Alpha, err = strconv.ParseFloat(a.Meta("alpha"), 64); err != nil {
		return nil, fmt.Errorf("metadata alpha: %w", err)
	}
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	m := &Model{Config: cfg}
	if m.Surprisal, err = a.F32("surprisal", 1<<cfg.Bits); err != nil {
		return nil, err
	}
	if m.Quantiles, err = a.F32("quantiles", quantiles); err != nil {
		return nil, err
	}
	return m, m.check()
}

func (m *Model) check() error {
	for _, v := range m.Surprisal {
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) || v < 0 {
			return fmt.Errorf("surprisal value %v", v)
		}
	}
	for i, v := range m.Quantiles {
		if math.IsNaN(float64(v)) || i > 0 && v < m.Quantiles[i-1] {
			return fmt.Errorf("quantiles not sorted at %d", i)
		}
	}
	return nil
}
