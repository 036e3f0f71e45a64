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
	Seed         uint64            `json:"seed"`
	Split        string            `json:"split"`
	Policy       map[string]int    `json:"label_policy_rows"`
	Tier1        *Tier1Eval        `json:"tier1"`
	Tier2        *Tier2Eval        `json:"tier2"`
	Tier1Epoch   int               `json:"tier1_best_epoch"`
	Temperature  float32           `json:"tier1_temperature"`
	Tier2Classes int               `json:"tier2_classes"`
	TrainSeconds float64           `json:"train_seconds"`
	Thresholds   detect.Thresholds `json:"thresholds"`
	CNN          *CNNComparison    `json:"cnn_comparison,omitempty"`
	CV           *CVResult         `json:"tier1_cross_validation,omitempty"`
}

// NewReport summarises a run.
func NewReport(r *Result, seed uint64) *Report {
	return &Report{
		Seed: seed, Policy: r.Policy, Tier1: r.Tier1Eval, Tier2: r.Tier2Eval,
		Split: fmt.Sprintf("Tier 1: grouped by source template, train %d / val %d / test %d rows; Tier 2: Genos specialist_val (%d rows)",
			len(r.Tier1.Parts.Train), len(r.Tier1.Parts.Val), len(r.Tier1.Parts.Test), r.Tier2Eval.N),
		Tier1Epoch: r.Tier1.Report.BestEpoch, Temperature: r.Tier1.Model.Temperature,
		Tier2Classes: len(r.Tier2.Classes), TrainSeconds: r.Elapsed.Seconds(), Thresholds: r.Tier1.Thresholds,
		CNN: r.CNN, CV: r.CV,
	}
}

// Write stores metrics.json, metrics.md and the PNG figures in dir, and
// the misclassified test commands in errors.jsonl.
func (r *Report) Write(dir string, out []Outcome) error {
	if err := writeMetrics(dir, r, r.WriteMarkdown); err != nil {
		return err
	}
	if err := writeErrors(filepath.Join(dir, "errors.jsonl"), out); err != nil {
		return err
	}
	return WritePlots(dir, out, r.Tier1)
}

// Write stores metrics.json, metrics.md and, when the file had verdict
// labels, the PNG figures in dir.
func (f *FileEval) Write(dir string) error {
	if err := writeMetrics(dir, f, f.WriteMarkdown); err != nil {
		return err
	}
	if f.Tier1 == nil {
		return nil
	}
	return WritePlots(dir, f.Outcomes, f.Tier1)
}

// writeMetrics writes v as dir/metrics.json and md's output as
// dir/metrics.md.
func writeMetrics(dir string, v any, md func(io.Writer) error) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	b, err := json.MarshalIndent(v, "", "  ")
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
	if err := md(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
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
	fmt.Fprintf(&b, "## Command detector evaluation (seed %d)\n\n%s.\n\n", r.Seed, r.Split)
	tier1Markdown(&b, r.Tier1)
	fmt.Fprintf(&b, "Router thresholds (tuned on the validation part): %+v\n\n", r.Thresholds)
	if r.CV != nil {
		r.CV.markdown(&b)
	}
	fmt.Fprintf(&b, "### Tier 2 — ATT&CK techniques (Genos specialist_val, %d classes)\n\n", r.Tier2Classes)
	tier2Markdown(&b, r.Tier2)
	if c := r.CNN; c != nil {
		fmt.Fprintf(&b, "### Byte-CNN vs the Tier-1 linear model (test part, models alone)\n\n")
		fmt.Fprintf(&b, "| model | macro-F1 | gap to linear (paired) |\n|---|---|---|\n")
		fmt.Fprintf(&b, "| linear (shipped) | %s | |\n| byte-CNN (%d epochs, best %d, %.0f s) | %s | %s |\n| mean of both | %s | %s |\n\n",
			ci(c.LinearMacroF1), c.Epochs, c.BestEpoch+1, c.TrainSeconds, ci(c.CNNMacroF1), ci(c.CNNGap.Diff), ci(c.EnsembleMacroF1), ci(c.EnsembleGap.Diff))
		fmt.Fprintf(&b, "Both models on one test string: %.1f µs mean.\n\n", c.ForwardMicros)
	}
	fmt.Fprintf(&b, "Label policy (rows): %s\n", counts(r.Policy))
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteMarkdown writes a file evaluation as Markdown tables.
func (f *FileEval) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "## Command detector on %s (%d rows)\n\n", f.File, f.Rows)
	if f.Tier1 != nil {
		tier1Markdown(&b, f.Tier1)
	}
	if f.Tier2 != nil {
		fmt.Fprintf(&b, "### Tier 2 — ATT&CK techniques\n\n")
		tier2Markdown(&b, f.Tier2)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func tier1Markdown(b *strings.Builder, e *Tier1Eval) {
	fmt.Fprintf(b, "### Tier 1 — verdict (n = %d, 95%% bootstrap CIs)\n\n| metric | value |\n|---|---|\n", e.N)
	row := func(name string, iv metrics.Interval) { fmt.Fprintf(b, "| %s | %s |\n", name, ci(iv)) }
	row("accuracy", e.Accuracy)
	row("macro-F1", e.MacroF1)
	row("macro-F1, model alone (no router)", e.ModelMacroF1)
	row("ROC-AUC (macro one-vs-rest)", e.ROCAUC)
	row("ROC-AUC (non-benign vs benign)", e.NonBenignAUC)
	row("ECE of verdict confidence", e.ECE)
	row(fmt.Sprintf("benign FPR (n = %d)", e.BenignDocs), e.BenignFPR)
	fmt.Fprintf(b, "| router − model macro-F1 | %s |\n", ci(e.RouterGain.Diff))
	fmt.Fprintf(b, "\n| class | precision | recall | F1 | support |\n|---|---|---|---|---|\n")
	for _, c := range e.PerClass {
		fmt.Fprintf(b, "| %s | %s | %s | %s | %d |\n", c.Label, ci(c.Precision), ci(c.Recall), ci(c.F1), c.Support)
	}
	fmt.Fprintf(b, "\nConfusion (rows true, columns predicted: Benign, Suspicious, Malicious): %v\n\n", e.Confusion)
	fmt.Fprintf(b, "Routes: %s\n\n", counts(e.Reasons))
	fmt.Fprintf(b, "| source | n | accuracy |\n|---|---|---|\n")
	for _, k := range sortedKeys(e.BySource) {
		fmt.Fprintf(b, "| %s | %d | %.4f |\n", k, e.BySource[k].N, e.BySource[k].Accuracy)
	}
	b.WriteString("\n")
}

func tier2Markdown(b *strings.Builder, t *Tier2Eval) {
	fmt.Fprintf(b, "n = %d (%d with a technique the model does not know)\n\n", t.N, t.Unknown)
	fmt.Fprintf(b, "| metric | value |\n|---|---|\n| top-1 | %s |\n| top-3 | %s |\n| top-5 | %s |\n\n", ci(t.Top1), ci(t.Top3), ci(t.Top5))
}

func ci(iv metrics.Interval) string {
	return fmt.Sprintf("%.4f [%.4f, %.4f]", iv.Estimate, iv.Lo, iv.Hi)
}

func counts(m map[string]int) string {
	keys := sortedKeys(m)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return strings.Join(parts, "; ")
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// writeErrors lists the misclassified test commands, for error analysis.
func writeErrors(path string, out []Outcome) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(f)
	for _, o := range out {
		if o.Pred == o.True {
			continue
		}
		rec := map[string]any{
			"command": o.Command, "true": detect.Labels[o.True], "pred": detect.Labels[o.Pred],
			"source": o.Source, "reason": o.Reason, "probs": o.Probs, "rules": o.Rules,
		}
		if err := enc.Encode(rec); err != nil {
			f.Close()
			return err
		}
	}
	return f.Close()
}
