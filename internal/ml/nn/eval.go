package nn

import (
	"runtime"
	"sync"

	"github.com/vigilsec/vigil/internal/ml/calibrate"
)

// Evaluate returns the model's predictions on d, scoring on all CPUs.
func (m *ByteCNN) Evaluate(d Dataset) []int {
	pred := make([]int, len(d.X))
	m.parallel(len(d.X), func(i int, sc *Scratch) {
		pred[i] = argmax(m.Forward(d.X[i], sc, sc.logits))
	})
	return pred
}

// LogitsAll returns the raw scores of every string in xs.
func (m *ByteCNN) LogitsAll(xs []string) [][]float32 {
	out := make([][]float32, len(xs))
	m.parallel(len(xs), func(i int, sc *Scratch) {
		out[i] = m.Forward(xs[i], sc, make([]float32, m.K))
	})
	return out
}

// Calibrate fits the temperature on held-out data (never the training set:
// its logits are overconfident by construction).
func (m *ByteCNN) Calibrate(val Dataset) error {
	t, err := calibrate.FitTemperature(m.LogitsAll(val.X), val.Y)
	if err != nil {
		return err
	}
	m.Temperature = float32(t)
	return nil
}

// parallel calls fn(i, scratch) for i in [0, n) on GOMAXPROCS goroutines,
// each with its own Scratch; fn must only write to per-i state.
func (m *ByteCNN) parallel(n int, fn func(int, *Scratch)) {
	workers := min(runtime.GOMAXPROCS(0), max(n/64, 1))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			sc := m.NewScratch()
			for i := w; i < n; i += workers {
				fn(i, sc)
			}
		})
	}
	wg.Wait()
}

func argmax(z []float32) int {
	best := 0
	for c, v := range z {
		if v > z[best] {
			best = c
		}
	}
	return best
}
