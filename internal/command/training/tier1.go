package training

import (
	"math"

	"fmt"
	"github.com/vigilsec/vigil/internal/command/dataset"

	"github.com/vigilsec/vigil/internal/command"
	"github.com/vigilsec/vigil/internal/command/detect"
	"github.com/vigilsec/vigil/internal/command/features"
	"github.com/vigilsec/vigil/internal/ml/linear"
	"github.com/vigilsec/vigil/internal/ml/split"
	"github.com/vigilsec/vigil/internal/ml/vec"
)

// Config controls a training run.
type Config struct {
	Seed uint64
	// Split gives the shares of the grouped train / validation / test
	// parts of the Tier-1 corpus.
	Split  split.Fractions
	Tier1  linear.Config
	Tier2  linear.Config
	Epochs func(linear.EpochStats) // optional per-epoch callback
	// CNNEpochs > 0 also trains a byte-CNN on the Tier-1 split and
	// reports it against the linear model (CompareCNN); it is not shipped.
	CNNEpochs int
	// CVFolds > 0 also cross-validates Tier 1 over that many grouped
	// folds (CrossValidateTier1), to show how much the test figure owes
	// to the split.
	CVFolds int
}

// DefaultConfig is the configuration the shipped models were trained with.
func DefaultConfig() Config {
	t1 := linear.DefaultConfig()
	t1.Epochs, t1.Patience, t1.LR, t1.WeightDecay, t1.Balanced = 20, 4, 0.02, 3e-3, false
	t2 := linear.DefaultConfig()
	t2.Epochs, t2.Patience, t2.LR, t2.WeightDecay, t2.Balanced = 40, 6, 0.05, 1e-4, false
	return Config{Seed: 42, Split: split.Fractions{Train: 0.8, Val: 0.1, Test: 0.1}, Tier1: t1, Tier2: t2}
}

// Tier1Result is a trained, calibrated Tier-1 model and its data split.
type Tier1Result struct {
	Model  *linear.Model
	Report linear.Report
	Parts  split.Parts
	// Thresholds are the router thresholds tuned on the validation part.
	Thresholds detect.Thresholds
}

// TrainTier1 splits rows by group, trains on the train part with early
// stopping on the validation part, and fits the temperature on the
// validation part. The test part is left for Evaluate.
func TrainTier1(rows []Row, cfg Config, prog Progress) (*Tier1Result, error) {
	y, groups, ans := make([]int, len(rows)), make([]string, len(rows)), make([]*command.Analysis, len(rows))
	for i, r := range rows {
		y[i], groups[i], ans[i] = int(r.Class), r.Group, r.an
	}
	parts, err := splitTier1(rows, y, groups, cfg)
	if err != nil {
		return nil, err
	}
	X, err := vectorize(ans, detect.Tier1Schema, features.Both, prog)
	if err != nil {
		return nil, err
	}
	return trainTier1Parts(rows, X, y, parts, cfg)
}

// trainTier1Parts trains on parts.Train with early stopping, calibration
// and threshold tuning on parts.Val; X holds every row's features.
func trainTier1Parts(rows []Row, X []vec.Sparse, y []int, parts split.Parts, cfg Config) (*Tier1Result, error) {
	pick := func(idx []int) linear.Dataset {
		d := linear.Dataset{X: make([]vec.Sparse, 0, len(idx)), Y: make([]int, 0, len(idx))}
		for _, i := range idx {
			d.X, d.Y = append(d.X, X[i]), append(d.Y, y[i])
		}
		return d
	}
	lc := cfg.Tier1
	lc.Seed, lc.Log = cfg.Seed, cfg.Epochs
	if cfg.Tier1.Balanced {
		lc.ClassWeights = sqrtBalanced(y, parts.Train, 3)
	}
	m, rep, err := linear.Train(detect.Tier1Schema.Dim(), 3, pick(parts.Train), pick(parts.Val), lc)
	if err != nil {
		return nil, err
	}
	if err := m.Calibrate(pick(parts.Val)); err != nil {
		return nil, fmt.Errorf("calibrate: %w", err)
	}
	val := make([]routed, 0, len(parts.Val))
	for _, i := range parts.Val {
		r := rows[i]
		val = append(val, routed{
			p: m.Proba(X[i], make([]float32, 3)), hits: r.an.Rules, y: y[i],
			doc: r.Class == dataset.Benign && (r.Source == "tldr" || r.Source == "nl2bash"),
		})
	}
	return &Tier1Result{Model: m, Report: rep, Parts: parts, Thresholds: TuneThresholds(val)}, nil
}

// splitTier1 splits the corpus rows by group; rows of the train-only
// policies (PowerShell script lines) all go to the train part, so the
// validation and test parts are the corpus's own.
func splitTier1(rows []Row, y []int, groups []string, cfg Config) (split.Parts, error) {
	var core, extra []int
	for i, r := range rows {
		if r.Policy == dataset.PolicyPowerShellLines {
			extra = append(extra, i)
		} else {
			core = append(core, i)
		}
	}
	yc, gc := make([]int, len(core)), make([]string, len(core))
	for k, i := range core {
		yc[k], gc[k] = y[i], groups[i]
	}
	p, err := split.Grouped(yc, gc, cfg.Split, cfg.Seed)
	if err != nil {
		return split.Parts{}, fmt.Errorf("split: %w", err)
	}
	remap := func(idx []int) []int {
		out := make([]int, len(idx))
		for k, j := range idx {
			out[k] = core[j]
		}
		return out
	}
	return split.Parts{Train: append(remap(p.Train), extra...), Val: remap(p.Val), Test: remap(p.Test)}, nil
}

// sqrtBalanced weights class c by sqrt(n/(K·n_c)) over the training rows:
// half-way between unweighted and balanced, so the rare Suspicious class
// is heard without flooding Benign rows with false alarms.
func sqrtBalanced(y, idx []int, k int) []float64 {
	n := make([]float64, k)
	for _, i := range idx {
		n[y[i]]++
	}
	w := make([]float64, k)
	for c := range w {
		w[c] = math.Sqrt(float64(len(idx)) / (float64(k) * max(n[c], 1)))
	}
	return w
}
