package training

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/vigilsec/vigil/internal/httpreq/detect"
	"github.com/vigilsec/vigil/internal/ml/metrics"
	"github.com/vigilsec/vigil/internal/ml/plot"
)

// Report is the evaluation written next to trained models.
type Report struct {
	Seed         uint64         `json:"seed"`
	Split        string         `json:"split"`
	Pool         map[string]int `json:"pool_rows"`
	TypeRows     map[string]int `json:"type_rows"`
	BinaryEpoch  int            `json:"binary_best_epoch"`
	Temperature  float32        `json:"binary_temperature"`
	CNNEpoch     int            `json:"cnn_best_epoch"`
	CNNRows      int            `json:"cnn_rows"`
	CNNSeconds   float64        `json:"cnn_train_seconds"`
	Combine      detect.Combine `json:"combine"`
	ValF1        float64        `json:"validation_f1"`
	ValFPR       float64        `json:"validation_fpr"`
	HeldOut      *HeldOut       `json:"held_out"`
	Type         *TypeEval      `json:"type"`
	Cross        []Cross        `json:"cross_dataset"`
	TrainSeconds float64        `json:"train_seconds"`
}

// NewReport summarises a run.
func NewReport(r *Result, seed uint64) *Report {
	b := r.Binary
	val := b.CSICVal
	return &Report{
		Seed: seed, Pool: r.Sizes, TypeRows: r.TypeRows,
		Split: fmt.Sprintf("CSIC 2010 split of issue 5: %d distinct held-out requests (%d attacks) never trained on; training pool %d rows (train %d / validation %d, of which %d CSIC validation rows tune the thresholds)",
			r.HeldOut.Deployed.N, r.HeldOut.Deployed.Attacks, len(b.Parts.Train)+len(b.Parts.Val), len(b.Parts.Train), len(b.Parts.Val), val),
		BinaryEpoch: b.Report.BestEpoch, Temperature: b.Linear.Temperature, CNNEpoch: b.CNNReport.BestEpoch,
		CNNRows: b.CNNRows, CNNSeconds: b.CNNSeconds, Combine: b.Combine, ValF1: b.Tuning.F1, ValFPR: b.Tuning.FPR,
		HeldOut: r.HeldOut, Type: r.Type.Eval, Cross: r.Cross, TrainSeconds: r.Elapsed.Seconds(),
	}
}

// Write stores metrics.json, metrics.md and roc.png in dir.
func (r *Report) Write(dir string) error {
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
	var md strings.Builder
	if err := r.WriteMarkdown(&md); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "metrics.md"), []byte(md.String()), 0o644); err != nil {
		return err
	}
	return WriteROC(filepath.Join(dir, "roc.png"), "HTTP detector ROC (CSIC 2010 held-out bucket)", r.HeldOut.y, r.HeldOut.curves)
}

// WriteROC draws one ROC curve per named score list.
func WriteROC(path, title string, y []int, curves map[string][]float64) error {
	pos := make([]bool, len(y))
	for i, v := range y {
		pos[i] = v == 1
	}
	var cs []plot.Curve
	for _, name := range sortedKeys(curves) {
		c, err := plot.ROCCurve(name, pos, curves[name])
		if err != nil {
			return fmt.Errorf("roc %s: %w", name, err)
		}
		cs = append(cs, c)
	}
	return plot.SavePNG(path, func(w io.Writer) error { return plot.ROC(w, title, cs) })
}

// WriteMarkdown writes the report as Markdown tables.
func (r *Report) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	h := r.HeldOut
	fmt.Fprintf(&b, "## HTTP detector evaluation (seed %d)\n\n%s.\n\n", r.Seed, r.Split)
	fmt.Fprintf(&b, "### CSIC 2010 held-out bucket (95%% bootstrap CIs, 1000 resamples)\n\n")
	figureHeader(&b)
	figureRow(&b, "vigil (deployed: linear + CNN cascade)", h.Deployed)
	figureRow(&b, "linear n-gram model alone", h.Linear)
	figureRow(&b, "byte-CNN alone", h.CNN)
	figureRow(&b, "linear + CNN, CNN always run", h.Ensemble)
	figureRow(&b, "anomaly model alone (normal-only)", h.Anomaly)
	fmt.Fprintf(&b, "\nCombination (tuned on CSIC validation rows at FPR ≤ target): %+v; validation F1 %.4f at FPR %.4f.\n", r.Combine, r.ValF1, r.ValFPR)
	fmt.Fprintf(&b, "The cascade ran the CNN on %.1f%% of held-out requests; its verdicts equal the always-run ensemble's on %.2f%%.\n", 100*h.CNNShare, 100*h.CascadeAgreement)
	fmt.Fprintf(&b, "Scan latency in process, one goroutine: mean %.1f µs, p99 %.1f µs.\n\n", h.MeanMicros, h.P99Micros)
	typeMarkdown(&b, r.Type, h)
	crossMarkdown(&b, r.Cross)
	fmt.Fprintf(&b, "Training pool rows: %s\n\nType rows: %s\n\nBinary model best epoch %d, temperature %.3f; CNN best epoch %d on %d rows (%.0f s). Total %.0f s.\n",
		counts(r.Pool), counts(r.TypeRows), r.BinaryEpoch+1, r.Temperature, r.CNNEpoch+1, r.CNNRows, r.CNNSeconds, r.TrainSeconds)
	_, err := io.WriteString(w, b.String())
	return err
}

func figureHeader(b *strings.Builder) {
	b.WriteString("| model | threshold | accuracy | precision | recall | F1 | FPR | ROC-AUC | TP/FP/FN/TN |\n|---|---|---|---|---|---|---|---|---|\n")
}

func figureRow(b *strings.Builder, name string, f *Figures) {
	if f == nil {
		return
	}
	fmt.Fprintf(b, "| %s | %.4f | %s | %s | %s | %s | %s | %s | %d/%d/%d/%d |\n", name, f.Threshold, ci(f.Accuracy), ci(f.Precision),
		ci(f.Recall), ci(f.F1), ci(f.FPR), ci(f.AUC), f.TP, f.FP, f.FN, f.TN)
}

func typeMarkdown(b *strings.Builder, t *TypeEval, h *HeldOut) {
	fmt.Fprintf(b, "### Attack type (validation part, n = %d)\n\naccuracy %s, macro-F1 %s\n\n| type | precision | recall | F1 | support |\n|---|---|---|---|---|\n", t.N, ci(t.Accuracy), ci(t.MacroF1))
	for _, k := range sortedKeys(t.PerClass) {
		s := t.PerClass[k]
		fmt.Fprintf(b, "| %s | %.3f | %.3f | %.3f | %d |\n", k, s.Precision, s.Recall, s.F1, s.Support)
	}
	if h.TypeAgreement != nil {
		fmt.Fprintf(b, "\nAgreement with CSIC's injection guesses (sqli, xss, crlf, ssi) on %d detected held-out attacks: %s.\n", h.TypeN, ci(*h.TypeAgreement))
	}
	b.WriteString("\n")
}

func crossMarkdown(b *strings.Builder, cs []Cross) {
	if len(cs) == 0 {
		return
	}
	b.WriteString("### Cross-dataset: linear model trained without a source, evaluated on it\n\n")
	b.WriteString("| left out | test rows | recall | FPR (all normal rows) | FPR (own normal) | F1 | shipped model recall (saw it) |\n|---|---|---|---|---|---|---|\n")
	for _, c := range cs {
		own := "–"
		if c.SourceFPR != nil {
			own = ci(*c.SourceFPR)
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s | %s |\n", c.Source, c.Test, ci(c.Held.Recall), ci(c.Held.FPR), own, ci(c.Held.F1), ci(c.Shipped.Recall))
	}
	b.WriteString("\nNormal rows are the held-out CSIC normals plus the source's own where it has some not cut from CSIC; thresholds are tuned on the remaining CSIC validation rows (0.5 when CSIC is left out).\n\n")
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
