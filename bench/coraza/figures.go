package main

import (
	"fmt"
	"io"
	"math"

	"github.com/vigilsec/vigil/internal/ml/metrics"
)

// Figures are the binary metrics with 95% bootstrap intervals, computed
// exactly as vigil's evaluation does (1000 resamples, seed 7).
type Figures struct {
	N         int              `json:"n"`
	TP        int              `json:"tp"`
	FP        int              `json:"fp"`
	FN        int              `json:"fn"`
	TN        int              `json:"tn"`
	Accuracy  metrics.Interval `json:"accuracy"`
	Precision metrics.Interval `json:"precision"`
	Recall    metrics.Interval `json:"recall"`
	F1        metrics.Interval `json:"f1"`
	FPR       metrics.Interval `json:"fpr"`
}

var boot = metrics.BootstrapConfig{Resamples: 1000, Level: 0.95, Seed: 7}

func figures(y, pred []int) (Figures, error) {
	f := Figures{N: len(y)}
	c := tally(y, pred)
	f.TP, f.FP, f.FN, f.TN = int(c[0]), int(c[1]), int(c[2]), int(c[3])
	var err error
	run := func(fn func(c [4]float64) float64) metrics.Interval {
		iv, e := metrics.Bootstrap(len(y), metrics.OnLabels(y, pred, func(yt, yp []int) float64 { return fn(tally(yt, yp)) }), boot)
		if e != nil && err == nil {
			err = e
		}
		return finite(iv)
	}
	f.Accuracy = run(func(c [4]float64) float64 { return ratio(c[0]+c[3], c[0]+c[1]+c[2]+c[3]) })
	f.Precision = run(func(c [4]float64) float64 { return ratio(c[0], c[0]+c[1]) })
	f.Recall = run(func(c [4]float64) float64 { return ratio(c[0], c[0]+c[2]) })
	f.F1 = run(func(c [4]float64) float64 { return ratio(2*c[0], 2*c[0]+c[1]+c[2]) })
	f.FPR = run(func(c [4]float64) float64 { return ratio(c[1], c[1]+c[3]) })
	return f, err
}

// tally returns TP, FP, FN, TN.
func tally(y, p []int) [4]float64 {
	var c [4]float64
	for i := range y {
		switch {
		case y[i] == 1 && p[i] == 1:
			c[0]++
		case y[i] == 0 && p[i] == 1:
			c[1]++
		case y[i] == 1:
			c[2]++
		default:
			c[3]++
		}
	}
	return c
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return math.NaN()
	}
	return a / b
}

func markdown(w io.Writer, n int, rs []Result) {
	fmt.Fprintf(w, "\n| Coraza + CRS | accuracy | precision | recall | F1 | FPR | TP/FP/FN/TN | requests/s (1 goroutine) |\n|---|---|---|---|---|---|---|---|\n")
	for _, r := range rs {
		f := r.Figures
		fmt.Fprintf(w, "| paranoia %d | %s | %s | %s | %s | %s | %d/%d/%d/%d | %.0f |\n", r.Paranoia, ci(f.Accuracy), ci(f.Precision),
			ci(f.Recall), ci(f.F1), ci(f.FPR), f.TP, f.FP, f.FN, f.TN, r.RequestsPerSec)
	}
	fmt.Fprintf(w, "\n%d distinct held-out CSIC 2010 requests.\n", n)
}

func ci(iv metrics.Interval) string {
	return fmt.Sprintf("%.4f [%.4f, %.4f]", iv.Estimate, iv.Lo, iv.Hi)
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
