package training

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/vigilsec/vigil/internal/command/detect"
	"github.com/vigilsec/vigil/internal/ml/metrics"
	"github.com/vigilsec/vigil/internal/ml/plot"
)

// Report is the evaluation written next to trained models.
type Report struct {
	Seed         uint64         `json:"seed"`
	Split        string         `json:"split"`
	Policy       map[string]int `json:"label_policy_rows"`
	Tier1        *Tier1Eval     `json:"tier1"`
	Tier2        *Tier2Eval     `json:"tier2"`
	Tier1Epoch   int            `json:"tier1_best_epoch"`
	Temperature  float32        `json:"tier1_temperature"`
	Tier2Classes int            `json:"tier2_classes"`
	TrainSeconds float64        `json:"train_seconds"`
}

// NewReport summarises a run.
func NewReport(r *Result, seed uint64) *Report {
	return &Report{
		Seed: seed, Policy: r.Policy, Tier1: r.Tier1Eval, Tier2: r.Tier2Eval,
		Split: fmt.Sprintf("Tier 1: grouped by source template, train %d / val %d / test %d rows; Tier 2: Genos specialist_val (%d rows)",
			len(r.Tier1.Parts.Train), len(r.Tier1.Parts.Val), len(r.Tier1.Parts.Test), r.Tier2Eval.N),
		Tier1Epoch: r.Tier1.Report.BestEpoch, Temperature: r.Tier1.Model.Temperature,
		Tier2Classes: len(r.Tier2.Classes), TrainSeconds: r.Elapsed.Seconds(),
	}
}

// Write stores metrics.json, metrics.md and the PNG figures in dir.
func (r *Report) Write(dir string, out []Outcome) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "metrics.json"), append(b, '\n'), 0o644); err != nil {
		return err
	}
	f, err := os.Create(filepath.Join(dir, "metrics.md"))
	if err != nil {
		return err
	}
	if err := r.WriteMarkdown(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return WritePlots(dir, out, r.Tier1)
}

// WritePlots draws the ROC curves (one per class against the rest and
// Benign against the rest of the verdicts), the reliability diagram of the
// verdict confidences and the confusion matrix.
func WritePlots(dir string, out []Outcome, e *Tier1Eval) error {
	var curves []plot.Curve
	for c, name := range detect.Labels {
		pos, s := make([]bool, len(out)), make([]float64, len(out))
		for i, o := range out {
			pos[i], s[i] = o.True == c, o.Probs[c]
		}
		cv, err := plot.ROCCurve(name+" vs rest", pos, s)
		if err != nil {
			return fmt.Errorf("roc %s: %w", name, err)
		}
		curves = append(curves, cv)
	}
	if err := plot.SavePNG(filepath.Join(dir, "roc.png"), func(w io.Writer) error {
		return plot.ROC(w, "Tier 1 ROC (held-out test part)", curves)
	}); err != nil {
		return err
	}
	y, probs := make([]int, len(out)), make([][]float64, len(out))
	for i, o := range out {
		y[i] = boolInt(o.Pred == o.True)
		probs[i] = []float64{1 - o.Confidence, o.Confidence}
	}
	bins, err := plot.CalibrationBins(y, probs, metrics.ECEBins)
	if err != nil {
		return err
	}
	if err := plot.SavePNG(filepath.Join(dir, "reliability.png"), func(w io.Writer) error {
		return plot.Reliability(w, fmt.Sprintf("Verdict confidence (ECE %.3f)", e.ECE.Estimate), bins)
	}); err != nil {
		return err
	}
	return plot.SavePNG(filepath.Join(dir, "confusion.png"), func(w io.Writer) error {
		return plot.Confusion(w, "Tier 1 verdicts (held-out test part)", detect.Labels[:], e.Confusion)
	})
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// WriteMarkdown writes the report as Markdown tables.
func (r *Report) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	e := r.Tier1
	fmt.Fprintf(&b, "## Command detector evaluation (seed %d)\n\n%s.\n\n", r.Seed, r.Split)
	fmt.Fprintf(&b, "### Tier 1 — verdict (n = %d, 95%% bootstrap CIs)\n\n| metric | value |\n|---|---|\n", e.N)
	row := func(name string, iv metrics.Interval) { fmt.Fprintf(&b, "| %s | %s |\n", name, ci(iv)) }
	row("accuracy", e.Accuracy)
	row("macro-F1", e.MacroF1)
	row("macro-F1, model alone (no router)", e.ModelMacroF1)
	row("ROC-AUC (macro one-vs-rest)", e.ROCAUC)
	row("ROC-AUC (non-benign vs benign)", e.NonBenignAUC)
	row("ECE of verdict confidence", e.ECE)
	row(fmt.Sprintf("benign FPR on tldr/nl2bash (n = %d)", e.BenignDocs), e.BenignFPR)
	fmt.Fprintf(&b, "| router − model macro-F1 | %s |\n", ci(e.RouterGain.Diff))
	fmt.Fprintf(&b, "\n| class | precision | recall | F1 | support |\n|---|---|---|---|---|\n")
	for _, c := range e.PerClass {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %d |\n", c.Label, ci(c.Precision), ci(c.Recall), ci(c.F1), c.Support)
	}
	fmt.Fprintf(&b, "\nConfusion (rows true, columns predicted: Benign, Suspicious, Malicious): %v\n\n", e.Confusion)
	fmt.Fprintf(&b, "Routes: %s\n\n", counts(e.Reasons))
	t := r.Tier2
	fmt.Fprintf(&b, "### Tier 2 — ATT&CK techniques (Genos specialist_val, n = %d, %d classes)\n\n", t.N, r.Tier2Classes)
	fmt.Fprintf(&b, "| metric | value |\n|---|---|\n| top-1 | %s |\n| top-3 | %s |\n| top-5 | %s |\n\n", ci(t.Top1), ci(t.Top3), ci(t.Top5))
	fmt.Fprintf(&b, "Label policy (rows): %s\n", counts(r.Policy))
	_, err := io.WriteString(w, b.String())
	return err
}

func ci(iv metrics.Interval) string {
	return fmt.Sprintf("%.4f [%.4f, %.4f]", iv.Estimate, iv.Lo, iv.Hi)
}

func counts(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return strings.Join(parts, "; ")
}
