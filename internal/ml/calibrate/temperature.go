package calibrate

import (
	"errors"
	"math"
)

// Softmax writes softmax(logits/t) into dst (len(dst) ≥ len(logits)) and
// returns it; t ≤ 0 is treated as 1. It subtracts the max first, so large
// logits do not overflow.
func Softmax(dst, logits []float32, t float32) []float32 {
	if t <= 0 {
		t = 1
	}
	dst = dst[:len(logits)]
	hi := logits[0]
	for _, z := range logits[1:] {
		hi = max(hi, z)
	}
	var sum float32
	for i, z := range logits {
		dst[i] = float32(math.Exp(float64((z - hi) / t)))
		sum += dst[i]
	}
	for i := range dst {
		dst[i] /= sum
	}
	return dst
}

// NLL returns the mean negative log-likelihood of labels y under
// softmax(logits/t).
func NLL(logits [][]float32, y []int, t float64) float64 {
	var total float64
	for i, z := range logits {
		hi := float64(z[0])
		for _, v := range z[1:] {
			hi = max(hi, float64(v))
		}
		var sum float64
		for _, v := range z {
			sum += math.Exp((float64(v) - hi) / t)
		}
		total += math.Log(sum) - (float64(z[y[i]])-hi)/t
	}
	return total / float64(len(logits))
}

// Temperature bounds: a fitted T outside them means the validation set is
// too small or the model degenerate, and is clamped.
const (
	MinTemperature = 0.05
	MaxTemperature = 20.0
)

// FitTemperature returns the T minimising NLL on (logits, y). The NLL is
// convex in β = 1/T, so a golden-section search over β converges to the
// global minimum.
func FitTemperature(logits [][]float32, y []int) (float64, error) {
	if len(logits) == 0 || len(logits) != len(y) {
		return 0, errors.New("fit temperature: need one label per logit row")
	}
	f := func(beta float64) float64 { return NLL(logits, y, 1/beta) }
	lo, hi := 1.0/MaxTemperature, 1.0/MinTemperature
	const phi = 0.6180339887498949
	a, b := hi-phi*(hi-lo), lo+phi*(hi-lo)
	fa, fb := f(a), f(b)
	for range 80 {
		if fa < fb {
			hi, b, fb = b, a, fa
			a = hi - phi*(hi-lo)
			fa = f(a)
		} else {
			lo, a, fa = a, b, fb
			b = lo + phi*(hi-lo)
			fb = f(b)
		}
	}
	return 2 / (lo + hi), nil
}
