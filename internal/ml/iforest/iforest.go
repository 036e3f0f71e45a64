package iforest

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/vigilsec/vigil/internal/ml/vec"
)

// Config controls Train.
type Config struct {
	Trees         int
	SampleSize    int     // ψ; clamped to the number of rows
	Contamination float64 // expected share of anomalies in training; 0: threshold 0.5
	Workers       int
	Seed          uint64
}

// DefaultConfig uses the paper's t = 100, ψ = 256.
func DefaultConfig() Config {
	return Config{Trees: 100, SampleSize: 256, Workers: 2, Seed: 1}
}

// node is one tree node. A leaf has Feature -1 and Path, its depth plus
// c(rows at the leaf).
type node struct {
	Feature     int32
	Threshold   float32 // go left when x[Feature] < Threshold
	Left, Right int32
	Path        float32
}

// Forest is a fitted isolation forest.
type Forest struct {
	Features   int
	SampleSize int
	Threshold  float64 // scores above it are anomalies
	trees      [][]node
}

// Train fits the forest on the rows of X and sets Threshold from the
// training-score quantile at 1 − Contamination.
func Train(X *vec.Dense, cfg Config) (*Forest, error) {
	if X.Rows < 2 || cfg.Trees <= 0 || cfg.SampleSize < 2 {
		return nil, errors.New("train isolation forest: need ≥ 2 rows, trees > 0 and sample size ≥ 2")
	}
	if cfg.Contamination < 0 || cfg.Contamination >= 0.5 {
		return nil, fmt.Errorf("train isolation forest: contamination %v outside [0, 0.5)", cfg.Contamination)
	}
	psi := min(cfg.SampleSize, X.Rows)
	f := &Forest{Features: X.Cols, SampleSize: psi, trees: make([][]node, cfg.Trees)}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range max(cfg.Workers, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for t := range jobs {
				f.trees[t] = buildTree(X, psi, cfg.Seed, uint64(t))
			}
		}()
	}
	for t := range cfg.Trees {
		jobs <- t
	}
	close(jobs)
	wg.Wait()
	f.Threshold = f.threshold(X, cfg.Contamination)
	return f, nil
}

func (f *Forest) threshold(X *vec.Dense, contamination float64) float64 {
	if contamination == 0 {
		return 0.5
	}
	scores := make([]float64, X.Rows)
	for i := range scores {
		scores[i] = f.Score(X.Row(i))
	}
	slices.Sort(scores)
	return scores[min(int(float64(len(scores))*(1-contamination)), len(scores)-1)]
}

// Score returns the anomaly score of x in (0, 1). It does not allocate.
func (f *Forest) Score(x []float32) float64 {
	var sum float64
	for _, t := range f.trees {
		i := int32(0)
		for t[i].Feature >= 0 {
			if x[t[i].Feature] < t[i].Threshold {
				i = t[i].Left
			} else {
				i = t[i].Right
			}
		}
		sum += float64(t[i].Path)
	}
	return math.Exp2(-sum / float64(len(f.trees)) / C(f.SampleSize))
}

// IsAnomaly reports whether x scores above the threshold.
func (f *Forest) IsAnomaly(x []float32) bool { return f.Score(x) > f.Threshold }

// eulerGamma is the Euler–Mascheroni constant.
const eulerGamma = 0.5772156649015329

// C is the average path length of an unsuccessful search in a binary
// search tree of n nodes: 2H(n−1) − 2(n−1)/n with H(i) ≈ ln i + γ, c(2)=1
// and c(n ≤ 1) = 0.
func C(n int) float64 {
	switch {
	case n <= 1:
		return 0
	case n == 2:
		return 1
	}
	m := float64(n - 1)
	return 2*(math.Log(m)+eulerGamma) - 2*m/float64(n)
}
