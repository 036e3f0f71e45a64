package metrics

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
)

// BootstrapConfig controls a percentile bootstrap.
type BootstrapConfig struct {
	Resamples int     // B, e.g. 1000
	Level     float64 // confidence level, e.g. 0.95
	Seed      uint64
}

// DefaultBootstrap is B = 1000 at 95 %.
var DefaultBootstrap = BootstrapConfig{Resamples: 1000, Level: 0.95, Seed: 1}

// Interval is a point estimate with a percentile confidence interval.
type Interval struct {
	Estimate float64 // the metric on the original rows
	Lo, Hi   float64
	Valid    int // resamples where the metric was defined (not NaN)
}

// MetricFunc evaluates a metric on the rows listed in idx (with repeats).
type MetricFunc func(idx []int) float64

// Bootstrap resamples n rows with replacement cfg.Resamples times and
// returns the percentile interval of metric. Resamples where the metric is
// NaN (e.g. AUC with one class drawn) are skipped and not counted in Valid.
func Bootstrap(n int, metric MetricFunc, cfg BootstrapConfig) (Interval, error) {
	if err := cfg.check(n); err != nil {
		return Interval{}, err
	}
	vals := make([]float64, 0, cfg.Resamples)
	resample(n, cfg, func(idx []int) {
		if v := metric(idx); !math.IsNaN(v) {
			vals = append(vals, v)
		}
	})
	return interval(metric(identity(n)), vals, cfg.Level), nil
}

// Paired is the bootstrap comparison of two models on the same rows.
type Paired struct {
	Diff  Interval // metric(A) − metric(B)
	AWins float64  // share of valid resamples where A scored strictly higher
}

// PairedBootstrap draws the same resampled rows for both metrics, so the
// interval of the gap accounts for their correlation.
func PairedBootstrap(n int, a, b MetricFunc, cfg BootstrapConfig) (Paired, error) {
	if err := cfg.check(n); err != nil {
		return Paired{}, err
	}
	diffs := make([]float64, 0, cfg.Resamples)
	wins := 0
	resample(n, cfg, func(idx []int) {
		d := a(idx) - b(idx)
		if math.IsNaN(d) {
			return
		}
		diffs = append(diffs, d)
		if d > 0 {
			wins++
		}
	})
	all := identity(n)
	out := Paired{Diff: interval(a(all)-b(all), diffs, cfg.Level)}
	if len(diffs) > 0 {
		out.AWins = float64(wins) / float64(len(diffs))
	}
	return out, nil
}

func (c BootstrapConfig) check(n int) error {
	switch {
	case n <= 0:
		return errors.New("bootstrap: no rows")
	case c.Resamples <= 0:
		return errors.New("bootstrap: resamples must be positive")
	case c.Level <= 0 || c.Level >= 1:
		return errors.New("bootstrap: level must be in (0, 1)")
	}
	return nil
}

func resample(n int, cfg BootstrapConfig, visit func([]int)) {
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x626f6f74)) // "boot"
	idx := make([]int, n)
	for range cfg.Resamples {
		for i := range idx {
			idx[i] = rng.IntN(n)
		}
		visit(idx)
	}
}

func identity(n int) []int {
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	return idx
}

func interval(estimate float64, vals []float64, level float64) Interval {
	out := Interval{Estimate: estimate, Lo: math.NaN(), Hi: math.NaN(), Valid: len(vals)}
	if len(vals) == 0 {
		return out
	}
	slices.Sort(vals)
	alpha := (1 - level) / 2
	out.Lo, out.Hi = Quantile(vals, alpha), Quantile(vals, 1-alpha)
	return out
}

// Quantile returns the q-quantile of sorted values with linear
// interpolation between order statistics (NumPy's default).
func Quantile(sorted []float64, q float64) float64 {
	pos := q * float64(len(sorted)-1)
	lo := int(math.Floor(pos))
	if lo >= len(sorted)-1 {
		return sorted[len(sorted)-1]
	}
	frac := pos - float64(lo)
	return sorted[lo] + frac*(sorted[lo+1]-sorted[lo])
}
