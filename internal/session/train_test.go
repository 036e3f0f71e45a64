package session

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/vigilsec/vigil/internal/ml/artifact"
)

// smallConfig keeps training in tests to about a second.
func smallConfig(trees int) TrainConfig {
	cfg := DefaultTrainConfig()
	cfg.Trees, cfg.IsoTrees, cfg.Resamples, cfg.Data = trees, 50, 100, "test"
	return cfg
}

var (
	trainOnce sync.Once
	trainedD  *Detector
	trainedR  *Report
	trainErr  error
)

func trained(t *testing.T) (*Detector, *Report) {
	t.Helper()
	trainOnce.Do(func() { trainedD, trainedR, trainErr = Train(Generate(5000, 11), smallConfig(40), nil) })
	if trainErr != nil {
		t.Fatal(trainErr)
	}
	return trainedD, trainedR
}

func TestTrainScoresAboveABar(t *testing.T) {
	_, rep := trained(t)
	for name, iv := range map[string]struct{ got, bar float64 }{
		"accuracy":    {rep.Accuracy.Estimate, 0.85},
		"macro-F1":    {rep.MacroF1.Estimate, 0.80},
		"ROC-AUC":     {rep.ROCAUC.Estimate, 0.95},
		"anomaly AUC": {rep.Anomaly.ROCAUC.Estimate, 0.80},
	} {
		if iv.got < iv.bar {
			t.Errorf("%s %.4f below %.2f", name, iv.got, iv.bar)
		}
	}
	if a := rep.Accuracy; !(a.Lo <= a.Estimate && a.Estimate <= a.Hi && a.Lo < a.Hi) {
		t.Errorf("accuracy interval %+v does not bracket its estimate", a)
	}
	total := 0
	for _, row := range rep.Confusion {
		for _, n := range row {
			total += n
		}
	}
	if total != rep.TestRows || rep.TrainRows+rep.TestRows != 5000 || rep.TestRows < 990 || rep.TestRows > 1010 {
		t.Errorf("split %d/%d, confusion counts %d", rep.TrainRows, rep.TestRows, total)
	}
	if r := rep.Risk[Normal]; r.Mean > 2 || r.HighRiskShare > 0.05 {
		t.Errorf("Normal sessions should score low risk: %+v", r)
	}
}

func TestTrainIsDeterministic(t *testing.T) {
	save := func() []byte {
		d, _, err := Train(Generate(1500, 5), smallConfig(10), nil)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := d.Save(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	if !bytes.Equal(save(), save()) {
		t.Fatal("same data and seed, different artifact bytes")
	}
}

func TestTrainNeedsEveryClass(t *testing.T) {
	var normal []Example
	for _, ex := range Generate(500, 1) {
		if ex.Label == "Normal" {
			normal = append(normal, ex)
		}
	}
	if _, _, err := Train(normal, smallConfig(5), nil); err == nil {
		t.Fatal("trained without attack rows")
	}
}

func TestReportWritesMetricsAndFigures(t *testing.T) {
	_, rep := trained(t)
	dir := t.TempDir()
	if err := rep.Write(dir); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"metrics.json", "metrics.md", "confusion.png", "roc.png"} {
		if st, err := os.Stat(filepath.Join(dir, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
	md, _ := os.ReadFile(filepath.Join(dir, "metrics.md"))
	for _, s := range []string{"macro-F1", "BruteForce", "ROC-AUC attack vs Normal", "[", "Risk score"} {
		if !bytes.Contains(md, []byte(s)) {
			t.Errorf("metrics.md lacks %q", s)
		}
	}
}

func TestArtifactRoundTrip(t *testing.T) {
	d, _ := trained(t)
	var buf bytes.Buffer
	if err := d.Save(&buf); err != nil {
		t.Fatal(err)
	}
	got, err := Load(fstest.MapFS{ModelPath: {Data: buf.Bytes()}})
	if err != nil {
		t.Fatal(err)
	}
	rows := rowsOfExamples(Generate(300, 9))
	a, _ := d.PredictBatch(rows)
	b, _ := got.PredictBatch(rows)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("predictions changed through Save and Load")
	}
	if got.Meta()["data"] != "test" || got.Reference() != d.Reference() {
		t.Errorf("metadata %v, reference %+v", got.Meta(), got.Reference())
	}
}

func TestLoadRefusesForeignArtifacts(t *testing.T) {
	d, _ := trained(t)
	tamper := map[string]func(a *artifact.Artifact){
		"another feature schema": func(a *artifact.Artifact) { a.SchemaHash = "0000" },
		"another kind":           func(a *artifact.Artifact) { a.Kind = "forest.random" },
		"other classes":          func(a *artifact.Artifact) { a.Classes = []string{"a", "b", "c", "d", "e"} },
		"a zero leaf weight":     func(a *artifact.Artifact) { setTensor(a, "leaf_weight", func(t *artifact.Tensor) { t.F32[0] = 0 }) },
		"a NaN scale": func(a *artifact.Artifact) {
			setTensor(a, "scaler_scale", func(t *artifact.Tensor) { t.F64[2] = nan() })
		},
		"a missing forest": func(a *artifact.Artifact) { setTensor(a, "rf/feature", func(t *artifact.Tensor) { t.Name = "x" }) },
	}
	for name, f := range tamper {
		t.Run(name, func(t *testing.T) {
			a := d.Artifact()
			a.Tensors = cloneTensors(a.Tensors)
			f(a)
			var buf bytes.Buffer
			if err := artifact.Save(&buf, a); err != nil {
				t.Fatal(err)
			}
			if _, err := Load(fstest.MapFS{ModelPath: {Data: buf.Bytes()}}); err == nil {
				t.Fatal("loaded")
			}
		})
	}
	if _, err := Load(fstest.MapFS{}); err == nil {
		t.Error("loaded a missing file")
	}
}

func TestLoadReportsSchemaMismatch(t *testing.T) {
	d, _ := trained(t)
	a := d.Artifact()
	a.SchemaHash = "0000"
	var buf bytes.Buffer
	if err := artifact.Save(&buf, a); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(fstest.MapFS{ModelPath: {Data: buf.Bytes()}}); !errors.Is(err, artifact.ErrSchema) {
		t.Fatalf("err = %v, want ErrSchema", err)
	}
}

func setTensor(a *artifact.Artifact, name string, f func(*artifact.Tensor)) {
	for i := range a.Tensors {
		if a.Tensors[i].Name == name {
			f(&a.Tensors[i])
		}
	}
}

func cloneTensors(ts []artifact.Tensor) []artifact.Tensor {
	out := make([]artifact.Tensor, len(ts))
	for i, t := range ts {
		t.F32, t.F64, t.I64 = append([]float32(nil), t.F32...), append([]float64(nil), t.F64...), append([]int64(nil), t.I64...)
		out[i] = t
	}
	return out
}

func rowsOfExamples(ex []Example) []Features {
	out := make([]Features, len(ex))
	for i := range ex {
		out[i] = ex[i].Features
	}
	return out
}
