package training

import (
	"math"

	"github.com/vigilsec/vigil/internal/ml/metrics"
)

// Bootstrap is the resampling behind every interval: 1000 resamples, 95%.
var Bootstrap = metrics.BootstrapConfig{Resamples: 1000, Level: 0.95, Seed: 7}

// Figures are the binary metrics of one model on one test set, each with
// a 95% bootstrap interval.
type Figures struct {
	N         int              `json:"n"`
	Attacks   int              `json:"attacks"`
	Threshold float64          `json:"threshold"`
	Accuracy  metrics.Interval `json:"accuracy"`
	Precision metrics.Interval `json:"precision"`
	Recall    metrics.Interval `json:"recall"`
	F1        metrics.Interval `json:"f1"`
	FPR       metrics.Interval `json:"fpr"`
	AUC       metrics.Interval `json:"roc_auc"`
	TP        int              `json:"tp"`
	FP        int              `json:"fp"`
	FN        int              `json:"fn"`
	TN        int              `json:"tn"`
}

// figures scores predictions (score ≥ t is an attack) against y.
func figures(y []int, s []float64, t float64) (*Figures, error) {
	pred := make([]int, len(s))
	for i, v := range s {
		if v >= t {
			pred[i] = 1
		}
	}
	f := &Figures{N: len(y), Threshold: t}
	for i := range y {
		f.Attacks += y[i]
		switch {
		case y[i] == 1 && pred[i] == 1:
			f.TP++
		case y[i] == 0 && pred[i] == 1:
			f.FP++
		case y[i] == 1:
			f.FN++
		default:
			f.TN++
		}
	}
	var err error
	run := func(fn func(yt, yp []int) float64) metrics.Interval {
		iv, e := metrics.Bootstrap(len(y), metrics.OnLabels(y, pred, fn), Bootstrap)
		if e != nil && err == nil {
			err = e
		}
		return finite(iv)
	}
	f.Accuracy = run(metrics.Accuracy)
	f.Precision = run(func(yt, yp []int) float64 { return count(yt, yp).precision() })
	f.Recall = run(func(yt, yp []int) float64 { return count(yt, yp).recall() })
	f.F1 = run(func(yt, yp []int) float64 { return count(yt, yp).f1() })
	f.FPR = run(func(yt, yp []int) float64 { return count(yt, yp).fpr() })
	auc, _ := metrics.Bootstrap(len(y), func(idx []int) float64 {
		pos, sc := make([]bool, len(idx)), make([]float64, len(idx))
		for j, i := range idx {
			pos[j], sc[j] = y[i] == 1, s[i]
		}
		return metrics.ROCAUC(pos, sc)
	}, Bootstrap)
	f.AUC = finite(auc)
	return f, err
}

type confusion struct{ tp, fp, fn, tn float64 }

func count(y, p []int) confusion {
	var c confusion
	for i := range y {
		switch {
		case y[i] == 1 && p[i] == 1:
			c.tp++
		case y[i] == 0 && p[i] == 1:
			c.fp++
		case y[i] == 1:
			c.fn++
		default:
			c.tn++
		}
	}
	return c
}

func (c confusion) precision() float64 { return ratio(c.tp, c.tp+c.fp) }
func (c confusion) recall() float64    { return ratio(c.tp, c.tp+c.fn) }
func (c confusion) fpr() float64       { return ratio(c.fp, c.fp+c.tn) }
func (c confusion) f1() float64        { return ratio(2*c.tp, 2*c.tp+c.fp+c.fn) }

// ratio is a/b, NaN when b is 0 (the bootstrap skips such resamples).
func ratio(a, b float64) float64 {
	if b == 0 {
		return math.NaN()
	}
	return a / b
}

// at returns F1 and FPR of threshold t on tuning data.
func at(y []int, s []float64, t float64) operating {
	p := make([]int, len(s))
	for i, v := range s {
		if v >= t {
			p[i] = 1
		}
	}
	c := count(y, p)
	return operating{Threshold: t, F1: c.f1(), FPR: c.fpr()}
}

// finite reports an undefined metric (no predicted attack: precision) as
// 0, as scikit-learn's zero_division=0 does, so that JSON can carry it.
func finite(iv metrics.Interval) metrics.Interval {
	for _, v := range []*float64{&iv.Estimate, &iv.Lo, &iv.Hi} {
		if math.IsNaN(*v) {
			*v = 0
		}
	}
	return iv
}
