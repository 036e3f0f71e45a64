package forest

import (
	"errors"
	"fmt"
	"math"
	"sync"

	"github.com/vigilsec/vigil/internal/ml/vec"
)

// Config controls Train.
type Config struct {
	Trees          int
	MaxDepth       int // 0: unlimited
	MinSamplesLeaf int
	MaxFeatures    int  // features tried per split; 0: √p
	NoBootstrap    bool // grow every tree on all rows
	Workers        int  // parallel tree builders; 0: 1
	Seed           uint64
}

// DefaultConfig matches scikit-learn's RandomForestClassifier defaults.
func DefaultConfig() Config {
	return Config{Trees: 100, MinSamplesLeaf: 1, Workers: 2, Seed: 1}
}

// Forest is a fitted random forest.
type Forest struct {
	K, Features int
	Trees       []Tree
}

// Train fits a forest on the rows of X with labels y in [0, k).
func Train(X *vec.Dense, y []int, k int, cfg Config) (*Forest, error) {
	if err := check(X, y, k, cfg); err != nil {
		return nil, fmt.Errorf("train forest: %w", err)
	}
	f := &Forest{K: k, Features: X.Cols, Trees: make([]Tree, cfg.Trees)}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range max(cfg.Workers, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b := newBuilder(X, y, k, cfg)
			for t := range jobs {
				f.Trees[t] = b.tree(uint64(t))
			}
		}()
	}
	for t := range cfg.Trees {
		jobs <- t
	}
	close(jobs)
	wg.Wait()
	return f, nil
}

func check(X *vec.Dense, y []int, k int, cfg Config) error {
	switch {
	case X.Rows == 0 || X.Rows != len(y):
		return errors.New("need one label per row and at least one row")
	case k < 2:
		return errors.New("need at least 2 classes")
	case cfg.Trees <= 0 || cfg.MinSamplesLeaf <= 0:
		return errors.New("trees and min samples per leaf must be positive")
	case cfg.MaxFeatures > X.Cols:
		return fmt.Errorf("max features %d over %d columns", cfg.MaxFeatures, X.Cols)
	}
	for _, v := range y {
		if v < 0 || v >= k {
			return fmt.Errorf("label %d outside [0, %d)", v, k)
		}
	}
	return nil
}

// Proba writes the mean leaf class distribution of x into out (len ≥ K).
// It does not allocate.
func (f *Forest) Proba(x []float32, out []float32) []float32 {
	out = out[:f.K]
	clear(out)
	for i := range f.Trees {
		for c, p := range f.Trees[i].leaf(x, f.K) {
			out[c] += p
		}
	}
	inv := 1 / float32(len(f.Trees))
	for c := range out {
		out[c] *= inv
	}
	return out
}

// Predict returns the most probable class, using scratch (len ≥ K).
func (f *Forest) Predict(x []float32, scratch []float32) int {
	p := f.Proba(x, scratch)
	best := 0
	for c, v := range p {
		if v > p[best] {
			best = c
		}
	}
	return best
}

// maxFeatures resolves the per-split feature count.
func (c Config) maxFeatures(p int) int {
	if c.MaxFeatures > 0 {
		return c.MaxFeatures
	}
	return max(1, int(math.Sqrt(float64(p))))
}
