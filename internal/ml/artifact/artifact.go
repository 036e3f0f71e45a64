package artifact

import (
	"fmt"
	"time"
)

// FormatVersion is the only version Load accepts. Bump it on any change to
// the layout and keep a reader for the old one if shipped models need it.
const FormatVersion = 1

const magic = "VIGILML\x00"

// Tensor is a named array. Exactly one of F32, F64, I64 and I8 holds the
// data; the product of Shape equals its length. I8 carries quantised
// weights (the scales travel in a separate F32 tensor).
type Tensor struct {
	Name  string
	Shape []int
	F32   []float32
	F64   []float64
	I64   []int64
	I8    []int8
}

// Artifact is a trained model as stored on disk.
type Artifact struct {
	Kind       string            // model kind, e.g. "linear.softmax"
	SchemaHash string            // features.Schema.Hash of the training features
	Classes    []string          // class names in label-index order
	Metadata   map[string]string // free-form: training data, metrics, versions
	CreatedAt  time.Time         // zero is stored as absent
	Tensors    []Tensor
}

// Add appends a tensor.
func (a *Artifact) Add(t Tensor) { a.Tensors = append(a.Tensors, t) }

// Tensor returns the named tensor.
func (a *Artifact) Tensor(name string) (*Tensor, error) {
	for i := range a.Tensors {
		if a.Tensors[i].Name == name {
			return &a.Tensors[i], nil
		}
	}
	return nil, fmt.Errorf("artifact %s: no tensor %q", a.Kind, name)
}

// F32 returns the named float32 tensor's data, checking its length.
func (a *Artifact) F32(name string, n int) ([]float32, error) {
	t, err := a.Tensor(name)
	if err == nil && (t.F32 == nil || len(t.F32) != n) {
		err = fmt.Errorf("artifact %s: tensor %q is not float32[%d]", a.Kind, name, n)
	}
	if err != nil {
		return nil, err
	}
	return t.F32, nil
}

// I64 returns the named int64 tensor's data, checking its length (n < 0
// accepts any length).
func (a *Artifact) I64(name string, n int) ([]int64, error) {
	t, err := a.Tensor(name)
	if err == nil && (t.I64 == nil || (n >= 0 && len(t.I64) != n)) {
		err = fmt.Errorf("artifact %s: tensor %q is not int64[%d]", a.Kind, name, n)
	}
	if err != nil {
		return nil, err
	}
	return t.I64, nil
}

// Meta returns a metadata value or "".
func (a *Artifact) Meta(key string) string { return a.Metadata[key] }

// I8 returns the named int8 tensor's data, checking its length.
func (a *Artifact) I8(name string, n int) ([]int8, error) {
	t, err := a.Tensor(name)
	if err == nil && (t.I8 == nil || len(t.I8) != n) {
		err = fmt.Errorf("artifact %s: tensor %q is not int8[%d]", a.Kind, name, n)
	}
	if err != nil {
		return nil, err
	}
	return t.I8, nil
}
