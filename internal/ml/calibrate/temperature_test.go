package calibrate

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestSoftmax(t *testing.T) {
	p := Softmax(make([]float32, 3), []float32{1000, 1000, 0}, 1)
	if math.Abs(float64(p[0])-0.5) > 1e-6 || p[2] != 0 {
		t.Errorf("softmax of large logits = %v", p)
	}
	hot := Softmax(make([]float32, 2), []float32{1, 0}, 0.1)
	cold := Softmax(make([]float32, 2), []float32{1, 0}, 10)
	if !(hot[0] > 0.99 && cold[0] < 0.53) {
		t.Errorf("temperature did not sharpen/flatten: %v %v", hot, cold)
	}
}

// TestFitTemperatureRecoversScale draws labels from softmax(z/2) and gives
// the fitter logits z: the fitted T must come out near 2.
func TestFitTemperatureRecoversScale(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 2))
	n, k := 4000, 3
	logits, y := make([][]float32, n), make([]int, n)
	p := make([]float32, k)
	for i := range logits {
		z := make([]float32, k)
		for c := range z {
			z[c] = float32(rng.NormFloat64() * 4)
		}
		Softmax(p, z, 2)
		u, c := rng.Float32(), 0
		for ; c < k-1 && u > p[c]; c++ {
			u -= p[c]
		}
		logits[i], y[i] = z, c
	}
	got, err := FitTemperature(logits, y)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(got-2) > 0.2 {
		t.Errorf("T = %v, want about 2", got)
	}
	if NLL(logits, y, got) > NLL(logits, y, 1) {
		t.Error("fitted T does not lower the NLL")
	}
}

func TestFitTemperatureRejectsMismatch(t *testing.T) {
	if _, err := FitTemperature([][]float32{{1}}, nil); err == nil {
		t.Error("want error")
	}
}
