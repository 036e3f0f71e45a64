package train

import (
	"math"
	"testing"
)

func TestWarmupCosine(t *testing.T) {
	s := WarmupCosine{Peak: 1, Floor: 0.1, Warmup: 4, Total: 14}
	tests := []struct {
		name string
		step int
		want float64
	}{
		{"first warmup step is a quarter", 0, 0.25},
		{"warmup reaches the peak", 3, 1},
		{"decay starts at the peak", 4, 1},
		{"halfway through decay is the midpoint", 9, 0.55},
		{"end of schedule is the floor", 14, 0.1},
		{"past the end stays at the floor", 100, 0.1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := s.At(tc.step); math.Abs(got-tc.want) > 1e-12 {
				t.Errorf("At(%d) = %v, want %v", tc.step, got, tc.want)
			}
		})
	}
}

func TestClipGlobalNorm(t *testing.T) {
	params := []Param{{Grad: []float32{3}}, {Grad: []float32{4}}}
	if norm := ClipGlobalNorm(params, 1); norm != 5 {
		t.Fatalf("norm before clipping = %v, want 5", norm)
	}
	if got := GlobalNorm(params); math.Abs(got-1) > 1e-6 {
		t.Errorf("norm after clipping = %v, want 1", got)
	}
	if params[0].Grad[0]/params[1].Grad[0] != 0.75 {
		t.Error("clipping changed the gradient direction")
	}
	t.Run("below the ceiling is untouched", func(t *testing.T) {
		p := []Param{{Grad: []float32{0.3}}}
		ClipGlobalNorm(p, 1)
		if p[0].Grad[0] != 0.3 {
			t.Errorf("grad = %v", p[0].Grad[0])
		}
	})
}

// TestAdamWMinimisesQuadratic checks AdamW drives (w-3)² to its minimum and
// that decay pulls a gradient-free weight towards zero.
func TestAdamWMinimisesQuadratic(t *testing.T) {
	w := []Param{{Value: []float32{0}, Grad: []float32{0}}, {Value: []float32{1}, Grad: []float32{0}}}
	w[0].NoDecay = true
	opt := NewAdamW(0.1)
	for range 500 {
		w[0].Grad[0] = 2 * (w[0].Value[0] - 3)
		opt.Step(w, 0.05)
	}
	if got := w[0].Value[0]; math.Abs(float64(got)-3) > 0.01 {
		t.Errorf("w = %v, want 3", got)
	}
	if got := w[1].Value[0]; got >= 0.1 || got <= 0 {
		t.Errorf("decayed weight = %v, want shrunk towards 0", got)
	}
	if opt.Steps() != 500 {
		t.Errorf("steps = %d", opt.Steps())
	}
}

func TestEarlyStopping(t *testing.T) {
	e := EarlyStopping{Patience: 2, MinDelta: 0.01}
	scores := []float64{0.5, 0.7, 0.705, 0.69, 0.9}
	var stopAt int
	for epoch, s := range scores {
		if _, stop := e.Observe(epoch, s); stop {
			stopAt = epoch
			break
		}
	}
	best, epoch, ok := e.Best()
	if !ok || best != 0.7 || epoch != 1 || stopAt != 3 {
		t.Errorf("best %v at %d (ok %v), stopped at %d; want 0.7 at 1, stop at 3", best, epoch, ok, stopAt)
	}
}

func TestClassWeights(t *testing.T) {
	y := []int{0, 0, 0, 1}
	if w := ClassWeights(y, 2, nil, false); w[0] != 1 || w[1] != 1 {
		t.Errorf("unit weights %v", w)
	}
	if w := ClassWeights(y, 2, nil, true); w[0] != 4.0/6 || w[1] != 2 {
		t.Errorf("balanced weights %v, want [0.667 2]", w)
	}
	explicit := []float64{0.5, 3}
	w := ClassWeights(y, 2, explicit, true)
	explicit[0] = 9
	if w[0] != 0.5 || w[1] != 3 {
		t.Errorf("explicit weights %v, want a copy of [0.5 3]", w)
	}
}
