package training

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/vigilsec/vigil/internal/command"
	"github.com/vigilsec/vigil/internal/command/dataset"
	"github.com/vigilsec/vigil/internal/command/detect"
	"github.com/vigilsec/vigil/internal/command/rules"
	"github.com/vigilsec/vigil/internal/deobfuscate"
)

func TestEvaluateTier1(t *testing.T) {
	var out []Outcome
	// 60 Benign docs (3 called Suspicious), 20 Suspicious (10 right),
	// 20 Malicious (all right).
	for i := range 60 {
		pred := 0
		if i < 3 {
			pred = 1
		}
		out = append(out, Outcome{True: 0, Pred: pred, Model: pred, Confidence: 0.9, Probs: [3]float64{0.9, 0.05, 0.05}, BenignDoc: true, Source: "tldr"})
	}
	for i := range 20 {
		pred := 1
		if i < 10 {
			pred = 0
		}
		out = append(out, Outcome{True: 1, Pred: pred, Model: pred, Confidence: 0.6, Probs: [3]float64{0.3, 0.6, 0.1}})
	}
	for range 20 {
		out = append(out, Outcome{True: 2, Pred: 2, Model: 2, Confidence: 0.95, Probs: [3]float64{0.02, 0.03, 0.95}})
	}
	e, err := EvaluateTier1(out)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(e.Accuracy.Estimate-0.87) > 1e-9 {
		t.Errorf("accuracy %v, want 0.87", e.Accuracy.Estimate)
	}
	if math.Abs(e.BenignFPR.Estimate-0.05) > 1e-9 || e.BenignDocs != 60 {
		t.Errorf("benign FPR %v over %d, want 0.05 over 60", e.BenignFPR.Estimate, e.BenignDocs)
	}
	if e.Confusion[1][0] != 10 || e.Confusion[0][1] != 3 {
		t.Errorf("confusion %v", e.Confusion)
	}
	if !(e.MacroF1.Lo <= e.MacroF1.Estimate && e.MacroF1.Estimate <= e.MacroF1.Hi) {
		t.Errorf("interval %+v does not hold its estimate", e.MacroF1)
	}
	if e.PerClass[2].Recall.Estimate != 1 || e.PerClass[1].Recall.Estimate != 0.5 {
		t.Errorf("per-class recall %+v", e.PerClass)
	}
}

func TestTuneThresholdsHonoursTheFPRBound(t *testing.T) {
	var rows []routed
	// Benign docs whose P(S)+P(M) is 0.55: any Suspicious threshold at or
	// under 0.55 flags them all.
	for range 100 {
		rows = append(rows, routed{p: []float32{0.45, 0.5, 0.05}, y: 0, doc: true})
	}
	for range 50 {
		rows = append(rows, routed{p: []float32{0.2, 0.75, 0.05}, y: 1})
	}
	th := TuneThresholds(rows)
	_, fpr := score(rows, th)
	if fpr > maxValBenignFPR {
		t.Errorf("tuned thresholds %+v give FPR %v", th, fpr)
	}
	if th.Suspicious <= 0.55 || th.Suspicious > 0.75 {
		t.Errorf("suspicious threshold %v, want in (0.55, 0.75]", th.Suspicious)
	}
}

func TestSqrtBalanced(t *testing.T) {
	y := []int{0, 0, 0, 0, 0, 0, 0, 0, 1, 2}
	idx := []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
	w := sqrtBalanced(y, idx, 3)
	if !(w[1] > w[0]) || math.Abs(w[1]-math.Sqrt(10.0/3)) > 1e-9 {
		t.Errorf("weights %v", w)
	}
}

// TestTrainOnSample trains both tiers on a slice of the real corpus and
// checks the pipeline end to end: the result must beat chance clearly.
func TestTrainOnSample(t *testing.T) {
	if testing.Short() {
		t.Skip("training test skipped in -short mode")
	}
	dir := os.Getenv("VIGIL_DATA")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "..", "shared", "datasets")
	}
	if _, err := os.Stat(filepath.Join(dir, dataset.CommandsFile)); err != nil {
		t.Skipf("datasets not found under %s (set VIGIL_DATA): %v", dir, err)
	}
	eng, err := rules.Load(true)
	if err != nil {
		t.Fatal(err)
	}
	an := command.NewAnalyzer(eng, deobfuscate.DefaultLimits())
	ex, err := LoadTier1(dir)
	if err != nil {
		t.Fatal(err)
	}
	var sample []dataset.Example
	for i := 0; i < len(ex); i += 12 {
		sample = append(sample, ex[i])
	}
	rows, _ := Analyze(an, sample, nil)
	cfg := DefaultConfig()
	cfg.Tier1.Epochs = 6
	t1, err := TrainTier1(rows, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	pool, _, err := LoadTier2(dir)
	if err != nil {
		t.Fatal(err)
	}
	poolRows, _ := Analyze(an, pool[:min(len(pool), 3000)], nil)
	cfg.Tier2.Epochs = 4
	t2, err := TrainTier2(poolRows, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	m := &detect.Models{Tier1: t1.Model, Tier2: t2.Model, Techniques: t2.Classes}
	o := detect.DefaultOptions()
	o.Thresholds = t1.Thresholds
	det, err := detect.New(an, m, o)
	if err != nil {
		t.Fatal(err)
	}
	var test []Row
	for _, i := range t1.Parts.Test {
		test = append(test, rows[i])
	}
	e, err := EvaluateTier1(Outcomes(det, test, nil))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("sample of %d rows: test accuracy %.3f, macro-F1 %.3f, benign FPR %.4f", len(rows), e.Accuracy.Estimate, e.MacroF1.Estimate, e.BenignFPR.Estimate)
	if e.Accuracy.Estimate < 0.8 || e.MacroF1.Estimate < 0.45 {
		t.Errorf("accuracy %.3f, macro-F1 %.3f: the pipeline does not learn", e.Accuracy.Estimate, e.MacroF1.Estimate)
	}
}
