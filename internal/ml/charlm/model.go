package charlm

import (
	"errors"
	"fmt"
	"math"
	"slices"
)

// Limits on the configuration: they bound the table and the per-call cost.
const (
	MinBits, MaxBits   = 8, 24
	MinOrder, MaxOrder = 2, 6
	quantiles          = 101
)

// Config controls Train.
type Config struct {
	Order    int     // n-gram length in bytes
	Bits     int     // 2^Bits buckets
	Alpha    float64 // additive smoothing
	Window   int     // n-grams per scoring window
	MaxInput int     // bytes read per string
}

// DefaultConfig is 3-grams in 2^18 buckets, α 0.1, windows of 12.
func DefaultConfig() Config {
	return Config{Order: 3, Bits: 18, Alpha: 0.1, Window: 12, MaxInput: 8 << 10}
}

func (c Config) validate() error {
	switch {
	case c.Order < MinOrder || c.Order > MaxOrder:
		return fmt.Errorf("order %d outside [%d, %d]", c.Order, MinOrder, MaxOrder)
	case c.Bits < MinBits || c.Bits > MaxBits:
		return fmt.Errorf("bits %d outside [%d, %d]", c.Bits, MinBits, MaxBits)
	case c.Window < 1 || c.MaxInput < 1 || !(c.Alpha > 0):
		return errors.New("window, max input and alpha must be positive")
	}
	return nil
}

// Model is a trained n-gram surprisal table.
type Model struct {
	Config
	Surprisal []float32 // per bucket, bits
	// Quantiles are the training scores at 0, 1, ..., 100 %.
	Quantiles []float32
}

// Train counts the n-grams of normal strings and fits the score quantiles
// on them.
func Train(normal []string, cfg Config) (*Model, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	if len(normal) == 0 {
		return nil, errors.New("no training strings")
	}
	counts := make([]float64, 1<<cfg.Bits)
	total := 0.0
	for _, s := range normal {
		eachGram(s, cfg, func(b uint32) { counts[b]++; total++ })
	}
	m := &Model{Config: cfg, Surprisal: make([]float32, len(counts))}
	denom := total + cfg.Alpha*float64(len(counts))
	for i, c := range counts {
		m.Surprisal[i] = float32(-math.Log2((c + cfg.Alpha) / denom))
	}
	m.Calibrate(normal)
	return m, nil
}

// Calibrate refits the score quantiles on normal strings. Held-out normal
// traffic gives honest percentiles: the training strings score lower than
// new normal traffic will.
func (m *Model) Calibrate(normal []string) {
	if len(normal) == 0 {
		return
	}
	scores := make([]float64, len(normal))
	for i, s := range normal {
		scores[i] = m.Score(s)
	}
	m.fitQuantiles(scores)
}

func (m *Model) fitQuantiles(scores []float64) {
	slices.Sort(scores)
	m.Quantiles = make([]float32, quantiles)
	for q := range quantiles {
		pos := float64(q) / (quantiles - 1) * float64(len(scores)-1)
		lo := int(pos)
		hi := min(lo+1, len(scores)-1)
		m.Quantiles[q] = float32(scores[lo] + (pos-float64(lo))*(scores[hi]-scores[lo]))
	}
}

// Score returns the largest mean surprisal (bits per n-gram) over windows
// of Window n-grams.
func (m *Model) Score(s string) float64 {
	var ring [64]float32
	w := min(m.Window, len(ring))
	sum, best, n := 0.0, 0.0, 0
	eachGram(s, m.Config, func(b uint32) {
		v := m.Surprisal[b]
		sum += float64(v)
		if n >= w {
			sum -= float64(ring[n%w])
		}
		ring[n%w] = v
		n++
		if n >= w {
			best = max(best, sum/float64(w))
		}
	})
	if n < w && n > 0 {
		best = sum / float64(n)
	}
	return best
}

// Percentile maps a score to the share of training strings that scored
// lower, interpolated between the stored quantiles: 0.99 means more
// unusual than 99% of the normal traffic the model learnt.
func (m *Model) Percentile(score float64) float64 {
	q := m.Quantiles
	if score <= float64(q[0]) {
		return 0
	}
	if score >= float64(q[len(q)-1]) {
		return 1
	}
	i, _ := slices.BinarySearch(q, float32(score))
	i = max(i, 1)
	lo, hi := float64(q[i-1]), float64(q[i])
	frac := 0.0
	if hi > lo {
		frac = (score - lo) / (hi - lo)
	}
	return (float64(i-1) + frac) / float64(len(q)-1)
}

// eachGram calls fn with the bucket of every byte n-gram of s, padded with
// a start and an end marker; a string shorter than the order yields one
// shorter gram.
func eachGram(s string, cfg Config, fn func(uint32)) {
	if len(s) > cfg.MaxInput {
		s = s[:cfg.MaxInput]
	}
	shift := 64 - cfg.Bits
	n := len(s) + 2
	for i := 0; i == 0 || i+cfg.Order <= n; i++ {
		h := uint64(14695981039346656037)
		for j := i; j < min(i+cfg.Order, n); j++ {
			h = (h ^ uint64(at(s, j))) * 1099511628211
		}
		h ^= h >> 31
		h *= 0x9e3779b97f4a7c15
		fn(uint32(h >> shift))
	}
}

// at returns byte j of the padded string: 256 before, 257 after.
func at(s string, j int) uint32 {
	switch {
	case j == 0:
		return 256
	case j > len(s):
		return 257
	}
	return uint32(s[j-1])
}
