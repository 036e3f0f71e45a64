package session

import (
	"fmt"
	"io"
	"io/fs"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/vigilsec/vigil/internal/ml/artifact"
	"github.com/vigilsec/vigil/internal/ml/features"
	"github.com/vigilsec/vigil/internal/ml/forest"
	"github.com/vigilsec/vigil/internal/ml/iforest"
)

// ModelPath is the artifact's path inside a models directory.
const ModelPath = "session/session.vgm"

// Kind identifies session models in artifacts.
const Kind = "session.classifier"

// Detector scores sessions. It is immutable once built and safe for
// concurrent use.
type Detector struct {
	scaler *features.Scaler
	rf     *forest.Forest
	iso    *iforest.Forest
	ref    [NumFeatures]float32 // median of each feature over Normal training rows
	cal    anomalyCal
	// refScaled is ref through the scaler, what occlusion substitutes.
	refScaled [NumFeatures]float32
	leafW     []float32 // training rows reaching each leaf of rf
	fast      *fastForest
	fastIso   *fastIsolation
	meta      map[string]string
}

// Meta returns the artifact metadata: training data, seed and metrics.
func (d *Detector) Meta() map[string]string { return maps.Clone(d.meta) }

// Reference returns the Normal-class medians the contributions compare with.
func (d *Detector) Reference() Features {
	var v [NumFeatures]int
	for i, r := range d.ref {
		v[i] = int(r)
	}
	return FromValues(v)
}

// Load reads the model at ModelPath in fsys (a models directory or the
// embedded set) and checks it against this build's feature schema.
func Load(fsys fs.FS) (*Detector, error) {
	f, err := fsys.Open(ModelPath)
	if err != nil {
		return nil, fmt.Errorf("load session model: %w", err)
	}
	defer f.Close()
	a, err := artifact.Load(f, Schema().Hash())
	if err != nil {
		return nil, fmt.Errorf("load session model %q: %w", ModelPath, err)
	}
	d, err := FromArtifact(a)
	if err != nil {
		return nil, fmt.Errorf("load session model %q: %w", ModelPath, err)
	}
	return d, nil
}

// Artifact packs the detector into one artifact: its own tensors and
// metadata, then the forests' under the prefixes "rf/" and "if/".
func (d *Detector) Artifact() *artifact.Artifact {
	a := &artifact.Artifact{Kind: Kind, SchemaHash: Schema().Hash(), Classes: Classes[:], Metadata: maps.Clone(d.meta)}
	if a.Metadata == nil {
		a.Metadata = map[string]string{}
	}
	a.Add(artifact.Tensor{Name: "scaler_mean", Shape: []int{NumFeatures}, F64: d.scaler.Mean})
	a.Add(artifact.Tensor{Name: "scaler_scale", Shape: []int{NumFeatures}, F64: d.scaler.Scale})
	a.Add(artifact.Tensor{Name: "reference", Shape: []int{NumFeatures}, F32: d.ref[:]})
	a.Add(artifact.Tensor{Name: "anomaly_calibration", Shape: []int{3}, F64: d.cal[:]})
	a.Add(artifact.Tensor{Name: "leaf_weight", Shape: []int{len(d.leafW)}, F32: d.leafW})
	embed(a, "rf/", d.rf.Artifact(a.SchemaHash, a.Classes))
	embed(a, "if/", d.iso.Artifact(a.SchemaHash))
	return a
}

func embed(dst *artifact.Artifact, prefix string, src *artifact.Artifact) {
	for k, v := range src.Metadata {
		dst.Metadata[prefix+k] = v
	}
	for _, t := range src.Tensors {
		t.Name = prefix + t.Name
		dst.Add(t)
	}
}

// extract rebuilds the sub-artifact stored under prefix.
func extract(a *artifact.Artifact, prefix, kind string) *artifact.Artifact {
	sub := &artifact.Artifact{Kind: kind, SchemaHash: a.SchemaHash, Classes: a.Classes, Metadata: map[string]string{}}
	for k, v := range a.Metadata {
		if rest, ok := strings.CutPrefix(k, prefix); ok {
			sub.Metadata[rest] = v
		}
	}
	for _, t := range a.Tensors {
		if rest, ok := strings.CutPrefix(t.Name, prefix); ok {
			t.Name = rest
			sub.Tensors = append(sub.Tensors, t)
		}
	}
	return sub
}

// FromArtifact rebuilds a detector, validating every part, so a crafted
// file cannot make prediction index out of range or compute with NaN.
func FromArtifact(a *artifact.Artifact) (*Detector, error) {
	if a.Kind != Kind || !slices.Equal(a.Classes, Classes[:]) {
		return nil, fmt.Errorf("artifact is %q with classes %v, want %q with %v", a.Kind, a.Classes, Kind, Classes)
	}
	d := &Detector{meta: map[string]string{}}
	for k, v := range a.Metadata {
		if !strings.HasPrefix(k, "rf/") && !strings.HasPrefix(k, "if/") {
			d.meta[k] = v
		}
	}
	if err := d.readTensors(a); err != nil {
		return nil, err
	}
	var err error
	if d.rf, err = forest.FromArtifact(extract(a, "rf/", forest.Kind)); err != nil {
		return nil, err
	}
	if d.iso, err = iforest.FromArtifact(extract(a, "if/", iforest.Kind)); err != nil {
		return nil, err
	}
	if d.rf.Features != NumFeatures || d.iso.Features != NumFeatures || d.rf.K != NumClasses {
		return nil, fmt.Errorf("forests read %d and %d features, want %d", d.rf.Features, d.iso.Features, NumFeatures)
	}
	return d, d.prepare()
}

// prepare derives what prediction needs from the fitted parts.
func (d *Detector) prepare() error {
	d.refScaled = d.ref
	d.scaler.TransformRow(d.refScaled[:])
	var err error
	if d.fast, err = compileForest(d.rf, d.leafW); err != nil {
		return err
	}
	d.fastIso, err = compileIsolation(d.iso)
	return err
}

func (d *Detector) readTensors(a *artifact.Artifact) error {
	mean, err1 := f64(a, "scaler_mean", NumFeatures)
	scale, err2 := f64(a, "scaler_scale", NumFeatures)
	cal, err3 := f64(a, "anomaly_calibration", 3)
	ref, err4 := a.F32("reference", NumFeatures)
	lwt, err5 := a.Tensor("leaf_weight")
	for _, err := range []error{err1, err2, err3, err4, err5} {
		if err != nil {
			return err
		}
	}
	lw := lwt.F32
	if lw == nil {
		return fmt.Errorf("tensor %q is not float32", "leaf_weight")
	}
	for _, w := range lw {
		if !(w >= 1) || math.IsInf(float64(w), 0) {
			return fmt.Errorf("leaf weight %v: want a finite count ≥ 1", w)
		}
	}
	d.leafW = lw
	d.scaler = &features.Scaler{Mean: mean, Scale: scale}
	copy(d.cal[:], cal)
	copy(d.ref[:], ref)
	if !d.cal.valid() {
		return fmt.Errorf("anomaly calibration %v is not increasing", d.cal)
	}
	return nil
}

// f64 returns the named float64 tensor of length n with finite values.
func f64(a *artifact.Artifact, name string, n int) ([]float64, error) {
	t, err := a.Tensor(name)
	if err != nil {
		return nil, err
	}
	if len(t.F64) != n {
		return nil, fmt.Errorf("tensor %q: want %d float64 values", name, n)
	}
	for _, v := range t.F64 {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("tensor %q: non-finite value", name)
		}
	}
	return t.F64, nil
}

// Save writes the detector in the artifact format.
func (d *Detector) Save(w io.Writer) error { return artifact.Save(w, d.Artifact()) }

// SaveDir writes the detector to dir/ModelPath, creating directories.
func (d *Detector) SaveDir(dir string) error {
	path := filepath.Join(dir, filepath.FromSlash(ModelPath))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := d.Save(f); err != nil {
		f.Close()
		return fmt.Errorf("save session model %q: %w", path, err)
	}
	return f.Close()
}
