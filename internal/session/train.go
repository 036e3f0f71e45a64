package session

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/vigilsec/vigil/internal/ml/features"
	"github.com/vigilsec/vigil/internal/ml/forest"
	"github.com/vigilsec/vigil/internal/ml/iforest"
	"github.com/vigilsec/vigil/internal/ml/split"
	"github.com/vigilsec/vigil/internal/ml/vec"
)

// TrainConfig controls Train. DefaultTrainConfig gives the shipped model's.
type TrainConfig struct {
	Seed           uint64
	Trees          int     // random forest trees
	MaxDepth       int     // random forest depth limit
	MinSamplesLeaf int     // random forest leaf size
	IsoTrees       int     // isolation forest trees
	Contamination  float64 // isolation forest: share of Normal rows above the threshold
	TestShare      float64 // stratified held-out share
	Resamples      int     // bootstrap resamples for the confidence intervals
	Workers        int
	Data           string // what the rows are, stored in the artifact
}

// DefaultTrainConfig is issue 6's setup: 100 trees of depth 15, an
// isolation forest at 10% contamination, an 80/20 stratified split.
func DefaultTrainConfig() TrainConfig {
	return TrainConfig{
		Seed: 42, Trees: 100, MaxDepth: 15, MinSamplesLeaf: 20, IsoTrees: 100,
		Contamination: 0.1, TestShare: 0.2, Resamples: 1000, Workers: 2,
	}
}

// Progress reports stage progress: done of total units.
type Progress func(stage string, done, total int)

// forestChunk is how many trees are grown between progress reports.
const forestChunk = 10

// Train fits the detector on examples and evaluates it on a stratified
// held-out part. The same examples and config give the same model bytes.
func Train(examples []Example, cfg TrainConfig, prog Progress) (*Detector, *Report, error) {
	if prog == nil {
		prog = func(string, int, int) {}
	}
	y, err := labels(examples)
	if err != nil {
		return nil, nil, err
	}
	parts, err := split.Stratified(y, split.Fractions{Train: 1 - cfg.TestShare, Test: cfg.TestShare}, cfg.Seed)
	if err != nil {
		return nil, nil, fmt.Errorf("split: %w", err)
	}
	d, err := fit(examples, y, parts.Train, cfg, prog)
	if err != nil {
		return nil, nil, err
	}
	rep, err := evaluate(d, examples, y, parts, cfg, prog)
	if err != nil {
		return nil, nil, err
	}
	d.meta = rep.meta(cfg)
	return d, rep, nil
}

func labels(examples []Example) ([]int, error) {
	y := make([]int, len(examples))
	seen := map[int]bool{}
	for i, ex := range examples {
		if y[i] = ClassIndex(ex.Label); y[i] < 0 {
			return nil, fmt.Errorf("row %d: unknown label %q", i+1, ex.Label)
		}
		seen[y[i]] = true
	}
	if len(seen) < NumClasses {
		return nil, fmt.Errorf("need rows of all %d classes, have %d", NumClasses, len(seen))
	}
	return y, nil
}

// matrix returns the raw feature rows of examples[rows].
func matrix(examples []Example, rows []int) *vec.Dense {
	m := vec.NewDense(len(rows), NumFeatures)
	for i, r := range rows {
		examples[r].row(m.Row(i))
	}
	return m
}

func fit(examples []Example, y, train []int, cfg TrainConfig, prog Progress) (*Detector, error) {
	X := matrix(examples, train)
	scaler, err := features.FitScaler(X)
	if err != nil {
		return nil, fmt.Errorf("fit scaler: %w", err)
	}
	d := &Detector{scaler: scaler}
	d.ref = medians(X, y, train)
	scaler.Transform(X)
	yt := make([]int, len(train))
	for i, r := range train {
		yt[i] = y[r]
	}
	if cfg.Trees > maxTrees {
		return nil, fmt.Errorf("%d trees: at most %d", cfg.Trees, maxTrees)
	}
	if d.rf, err = trainForest(X, yt, cfg, prog); err != nil {
		return nil, err
	}
	if d.leafW, err = leafWeights(d.rf, rowsOf(X)); err != nil {
		return nil, err
	}
	if d.iso, d.cal, err = trainIsolation(normalRows(X, yt), cfg); err != nil {
		return nil, err
	}
	prog("isolation forest", 1, 1)
	return d, d.prepare()
}

// trainForest grows the forest in chunks to report progress; chunk c's
// trees draw from seed+c, so the result depends only on the config.
func trainForest(X *vec.Dense, y []int, cfg TrainConfig, prog Progress) (*forest.Forest, error) {
	all := &forest.Forest{K: NumClasses, Features: NumFeatures}
	for c := 0; len(all.Trees) < cfg.Trees; c++ {
		fc := forest.Config{
			Trees: min(forestChunk, cfg.Trees-len(all.Trees)), MaxDepth: cfg.MaxDepth,
			MinSamplesLeaf: cfg.MinSamplesLeaf, Workers: cfg.Workers, Seed: cfg.Seed + uint64(c),
		}
		f, err := forest.Train(X, y, NumClasses, fc)
		if err != nil {
			return nil, err
		}
		all.Trees = append(all.Trees, f.Trees...)
		prog("random forest", len(all.Trees), cfg.Trees)
	}
	return all, nil
}

// trainIsolation fits the isolation forest and its risk calibration on
// the (scaled) Normal training rows.
func trainIsolation(X *vec.Dense, cfg TrainConfig) (*iforest.Forest, anomalyCal, error) {
	ic := iforest.DefaultConfig()
	ic.Trees, ic.Contamination, ic.Workers, ic.Seed = cfg.IsoTrees, cfg.Contamination, cfg.Workers, cfg.Seed
	iso, err := iforest.Train(X, ic)
	if err != nil {
		return nil, anomalyCal{}, err
	}
	scores := make([]float64, X.Rows)
	for i := range scores {
		scores[i] = iso.Score(X.Row(i))
	}
	slices.Sort(scores)
	cal := anomalyCal{scores[len(scores)/2], iso.Threshold, scores[len(scores)-1]}
	if !cal.valid() {
		return nil, cal, fmt.Errorf("isolation scores of normal rows do not spread: %v", cal)
	}
	return iso, cal, nil
}

// rowsOf copies the rows of X into fixed-size arrays.
func rowsOf(X *vec.Dense) []row {
	out := make([]row, X.Rows)
	for i := range out {
		copy(out[i][:], X.Row(i))
	}
	return out
}

func normalRows(X *vec.Dense, y []int) *vec.Dense {
	var rows [][]float32
	for i, c := range y {
		if c == Normal {
			rows = append(rows, X.Row(i))
		}
	}
	m, _ := vec.DenseFromRows(rows)
	return m
}

// medians returns each feature's median over the Normal rows of raw X
// (the lower middle value for an even count, so it is a value seen).
func medians(X *vec.Dense, y, rows []int) [NumFeatures]float32 {
	var out [NumFeatures]float32
	for j := range NumFeatures {
		var col []float32
		for i, r := range rows {
			if y[r] == Normal {
				col = append(col, X.At(i, j))
			}
		}
		slices.Sort(col)
		out[j] = col[(len(col)-1)/2]
	}
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }
