package session

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/vigilsec/vigil/internal/ml/metrics"
)

// Report is the held-out evaluation of a trained detector.
type Report struct {
	Seed             uint64           `json:"seed"`
	Rows             int              `json:"rows"`
	TrainRows        int              `json:"train_rows"`
	TestRows         int              `json:"test_rows"`
	Accuracy         metrics.Interval `json:"accuracy"`
	MacroF1          metrics.Interval `json:"macro_f1"`
	ROCAUC           metrics.Interval `json:"roc_auc_macro_ovr"`
	PerClass         []ClassReport    `json:"per_class"`
	Confusion        [][]int          `json:"confusion" doc:"rows true, columns predicted, in Classes order"`
	Anomaly          AnomalyReport    `json:"anomaly"`
	AnomalyThreshold float64          `json:"anomaly_threshold"`
	Risk             []RiskSummary    `json:"risk_by_true_class"`
	Config           TrainConfig      `json:"config"`

	outcome *outcome
}

// ClassReport holds one class's one-vs-rest scores.
type ClassReport struct {
	Class     string           `json:"class"`
	Precision metrics.Interval `json:"precision"`
	Recall    metrics.Interval `json:"recall"`
	F1        metrics.Interval `json:"f1"`
	ROCAUC    float64          `json:"roc_auc"`
	Support   int              `json:"support"`
}

// AnomalyReport scores the isolation forest as an attack detector.
type AnomalyReport struct {
	Training       string           `json:"training"`
	ROCAUC         metrics.Interval `json:"roc_auc_attack_vs_normal"`
	AllRowsROCAUC  float64          `json:"roc_auc_if_trained_on_all_rows"`
	NormalFlagRate float64          `json:"normal_flagged_share"`
	AttackFlagRate float64          `json:"attack_flagged_share"`
}

// RiskSummary is the risk scores of one true class on the held-out rows.
type RiskSummary struct {
	Class         string  `json:"class"`
	N             int     `json:"n"`
	Mean          float64 `json:"mean_risk"`
	HighRiskShare float64 `json:"high_risk_share"`
}

// meta is what the artifact records about its training.
func (r *Report) meta(cfg TrainConfig) map[string]string {
	return map[string]string{
		"data": cfg.Data, "seed": strconv.FormatUint(cfg.Seed, 10), "rows": itoa(r.Rows),
		"isolation_training":  r.Anomaly.Training,
		"test_accuracy":       fmt.Sprintf("%.4f", r.Accuracy.Estimate),
		"test_macro_f1":       fmt.Sprintf("%.4f", r.MacroF1.Estimate),
		"random_forest":       fmt.Sprintf("%d trees, max depth %d, min leaf %d", cfg.Trees, cfg.MaxDepth, cfg.MinSamplesLeaf),
		"isolation_forest":    fmt.Sprintf("%d trees, contamination %g", cfg.IsoTrees, cfg.Contamination),
		"contribution_method": "occlusion with the Normal-class median",
	}
}

// Write stores metrics.json, metrics.md, confusion.png and roc.png in dir.
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
	return r.writePlots(dir)
}

// WriteMarkdown writes the report as Markdown tables.
func (r *Report) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "## Session classifier evaluation (seed %d)\n\n", r.Seed)
	fmt.Fprintf(&b, "%d rows, stratified split: %d train / %d test. 95%% percentile bootstrap CIs (%d resamples).\n\n", r.Rows, r.TrainRows, r.TestRows, r.Config.Resamples)
	fmt.Fprintf(&b, "| metric | value |\n|---|---|\n| accuracy | %s |\n| macro-F1 | %s |\n| ROC-AUC (macro one-vs-rest) | %s |\n\n", ci(r.Accuracy), ci(r.MacroF1), ci(r.ROCAUC))
	fmt.Fprintf(&b, "| class | precision | recall | F1 | ROC-AUC | support |\n|---|---|---|---|---|---|\n")
	for _, c := range r.PerClass {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %.4f | %d |\n", c.Class, ci(c.Precision), ci(c.Recall), ci(c.F1), c.ROCAUC, c.Support)
	}
	fmt.Fprintf(&b, "\nConfusion (rows true, columns predicted):\n\n| true \\ predicted | %s |\n|---|---|---|---|---|---|\n", strings.Join(Classes[:], " | "))
	for t, row := range r.Confusion {
		fmt.Fprintf(&b, "| %s | %s |\n", Classes[t], joinInts(row))
	}
	a := r.Anomaly
	fmt.Fprintf(&b, "\n### Isolation forest (trained on %s, threshold %.4f)\n\n", a.Training, r.AnomalyThreshold)
	fmt.Fprintf(&b, "| metric | value |\n|---|---|\n| ROC-AUC attack vs Normal | %s |\n| same, isolation forest trained on all rows | %.4f |\n| Normal test sessions flagged | %.4f |\n| attack test sessions flagged | %.4f |\n\n", ci(a.ROCAUC), a.AllRowsROCAUC, a.NormalFlagRate, a.AttackFlagRate)
	fmt.Fprintf(&b, "### Risk score by true class\n\n| class | n | mean risk | share ≥ %d |\n|---|---|---|---|\n", HighRisk)
	for _, s := range r.Risk {
		fmt.Fprintf(&b, "| %s | %d | %.2f | %.4f |\n", s.Class, s.N, s.Mean, s.HighRiskShare)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func ci(iv metrics.Interval) string {
	return fmt.Sprintf("%.4f [%.4f, %.4f]", iv.Estimate, iv.Lo, iv.Hi)
}

func joinInts(v []int) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = itoa(x)
	}
	return strings.Join(s, " | ")
}
