package training

import (
	"fmt"
	"math"
	"strings"

	"github.com/vigilsec/vigil/internal/command"
	"github.com/vigilsec/vigil/internal/command/dataset"
	"github.com/vigilsec/vigil/internal/command/detect"
	"github.com/vigilsec/vigil/internal/command/features"
	"github.com/vigilsec/vigil/internal/ml/metrics"
	"github.com/vigilsec/vigil/internal/ml/split"
)

// FoldResult is one cross-validation fold of Tier 1, routed as the
// detector routes (model, rules, thresholds tuned on the fold's
// validation part).
type FoldResult struct {
	Fold      int     `json:"fold"`
	Rows      int     `json:"rows"`
	MacroF1   float64 `json:"macro_f1"`
	Accuracy  float64 `json:"accuracy"`
	BenignFPR float64 `json:"benign_fpr"`
	// F1 per class: Benign, Suspicious, Malicious.
	F1 [3]float64 `json:"f1"`
}

// CVResult summarises a grouped k-fold cross-validation of Tier 1.
type CVResult struct {
	K     int          `json:"k"`
	Folds []FoldResult `json:"folds"`
	// Mean, sample standard deviation and range of the fold macro-F1s,
	// and the mean benign FPR.
	MeanMacroF1 float64 `json:"mean_macro_f1"`
	SDMacroF1   float64 `json:"sd_macro_f1"`
	MinMacroF1  float64 `json:"min_macro_f1"`
	MaxMacroF1  float64 `json:"max_macro_f1"`
	MeanFPR     float64 `json:"mean_benign_fpr"`
}

// CrossValidateTier1 measures how much the Tier-1 figures depend on the
// split: the corpus's groups are dealt into k folds; fold i is the test
// part, fold i+1 the validation part, the rest trains. The training-only
// rows (PowerShell script lines) always train. With k = 10 each model
// trains on the same share as the shipped one (80/10/10).
func CrossValidateTier1(rows []Row, k int, cfg Config, prog Progress) (*CVResult, error) {
	if k < 3 {
		return nil, fmt.Errorf("cross-validation needs at least 3 folds, got %d", k)
	}
	y, ans := make([]int, len(rows)), make([]*command.Analysis, len(rows))
	var core, extra []int
	for i, r := range rows {
		y[i], ans[i] = int(r.Class), r.an
		if r.Policy == dataset.PolicyPowerShellLines {
			extra = append(extra, i)
		} else {
			core = append(core, i)
		}
	}
	yc, gc := make([]int, len(core)), make([]string, len(core))
	for j, i := range core {
		yc[j], gc[j] = y[i], rows[i].Group
	}
	folds, err := split.GroupKFold(yc, gc, k, cfg.Seed)
	if err != nil {
		return nil, err
	}
	X, err := vectorize(ans, detect.Tier1Schema, features.Both, prog)
	if err != nil {
		return nil, err
	}
	res := &CVResult{K: k}
	for f := range k {
		test, val := folds[f].Test, folds[(f+1)%k].Test
		inVal := make(map[int]bool, len(val))
		for _, j := range val {
			inVal[j] = true
		}
		var parts split.Parts
		for _, j := range folds[f].Train {
			if inVal[j] {
				parts.Val = append(parts.Val, core[j])
			} else {
				parts.Train = append(parts.Train, core[j])
			}
		}
		parts.Train = append(parts.Train, extra...)
		for _, j := range test {
			parts.Test = append(parts.Test, core[j])
		}
		t1, err := trainTier1Parts(rows, X, y, parts, cfg)
		if err != nil {
			return nil, fmt.Errorf("fold %d: %w", f, err)
		}
		r := detect.Router{T: t1.Thresholds}
		yt, pred := make([]int, len(parts.Test)), make([]int, len(parts.Test))
		docs, fp := 0, 0
		p := make([]float32, 3)
		for n, i := range parts.Test {
			yt[n] = y[i]
			pred[n] = r.Route(t1.Model.Proba(X[i], p), rows[i].an.Rules).Class
			if rows[i].Class == dataset.Benign && (rows[i].Source == "tldr" || rows[i].Source == "nl2bash") {
				docs++
				if pred[n] != int(dataset.Benign) {
					fp++
				}
			}
		}
		fr := FoldResult{Fold: f, Rows: len(yt), MacroF1: metrics.MacroF1(yt, pred, 3),
			Accuracy: metrics.Accuracy(yt, pred), BenignFPR: float64(fp) / float64(max(docs, 1))}
		for c, cs := range metrics.PerClass(metrics.Confusion(yt, pred, 3)) {
			fr.F1[c] = cs.F1
		}
		res.Folds = append(res.Folds, fr)
		if prog != nil {
			prog("cross-validate", f+1, k)
		}
	}
	var sum, sq, fpr float64
	res.MinMacroF1, res.MaxMacroF1 = 1, 0
	for _, f := range res.Folds {
		sum += f.MacroF1
		fpr += f.BenignFPR
		res.MinMacroF1, res.MaxMacroF1 = min(res.MinMacroF1, f.MacroF1), max(res.MaxMacroF1, f.MacroF1)
	}
	res.MeanMacroF1, res.MeanFPR = sum/float64(k), fpr/float64(k)
	for _, f := range res.Folds {
		sq += (f.MacroF1 - res.MeanMacroF1) * (f.MacroF1 - res.MeanMacroF1)
	}
	res.SDMacroF1 = math.Sqrt(sq / float64(k-1))
	return res, nil
}

func (c *CVResult) markdown(b *strings.Builder) {
	fmt.Fprintf(b, "### Tier 1 — grouped %d-fold cross-validation (the split's share of the figure)\n\n", c.K)
	fmt.Fprintf(b, "Fold i tests, fold i+1 validates (early stopping, temperature, thresholds), the rest trains; rules and router as shipped.\n\n")
	fmt.Fprintf(b, "| fold | rows | macro-F1 | accuracy | benign FPR | F1 Benign | F1 Suspicious | F1 Malicious |\n|---|---|---|---|---|---|---|---|\n")
	for _, f := range c.Folds {
		fmt.Fprintf(b, "| %d | %d | %.4f | %.4f | %.4f | %.3f | %.3f | %.3f |\n", f.Fold, f.Rows, f.MacroF1, f.Accuracy, f.BenignFPR, f.F1[0], f.F1[1], f.F1[2])
	}
	fmt.Fprintf(b, "\nmacro-F1 mean %.4f, SD %.4f, range [%.4f, %.4f]; mean benign FPR %.4f\n\n", c.MeanMacroF1, c.SDMacroF1, c.MinMacroF1, c.MaxMacroF1, c.MeanFPR)
}
