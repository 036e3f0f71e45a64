package session

import (
	"math"
	"math/rand/v2"
)

// sampler draws the integer feature values of the generator.
type sampler struct{ r *rand.Rand }

// features builds Features, fitting each value into its feature's range:
// the generator's draws are resampled (not clamped) by the helpers below,
// and the few that still fall outside are moved to the nearest bound.
func (s *sampler) features(failed, rate, cmds, sql, honey, secs int) Features {
	v := [NumFeatures]int{failed, rate, cmds, sql, honey, secs}
	for i, f := range fields {
		v[i] = min(max(v[i], f.Min), f.Max)
	}
	return FromValues(v)
}

// logn draws round(median·e^(σZ)), redrawing values outside the widest
// feature range [1, 600] up to eight times so bounds do not pile up mass.
func (s *sampler) logn(median, sigma float64) int {
	for range 8 {
		v := int(math.Round(median * math.Exp(sigma*s.r.NormFloat64())))
		if v >= 1 && v <= 600 {
			return v
		}
	}
	return int(median)
}

// poisson draws from a Poisson distribution (Knuth's method; λ is small).
func (s *sampler) poisson(lambda float64) int {
	l, k, p := math.Exp(-lambda), 0, 1.0
	for {
		p *= s.r.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

func (s *sampler) bern(p float64) int {
	if s.r.Float64() < p {
		return 1
	}
	return 0
}

// uniform draws an integer in [lo, hi].
func (s *sampler) uniform(lo, hi int) int { return lo + s.r.IntN(hi-lo+1) }
