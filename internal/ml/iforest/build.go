package iforest

import (
	"math"
	"math/rand/v2"

	"github.com/vigilsec/vigil/internal/ml/vec"
)

type builder struct {
	X     *vec.Dense
	rng   *rand.Rand
	limit int
	nodes []node
}

// buildTree isolates a ψ-row subsample drawn without replacement.
func buildTree(X *vec.Dense, psi int, seed, t uint64) []node {
	rng := rand.New(rand.NewPCG(seed, t))
	idx := rng.Perm(X.Rows)[:psi]
	b := &builder{X: X, rng: rng, limit: int(math.Ceil(math.Log2(float64(psi))))}
	b.grow(idx, 0)
	return b.nodes
}

// grow cuts a random feature at a uniform point between its node minimum
// and maximum, trying other features when the first is constant here.
func (b *builder) grow(idx []int, depth int) int32 {
	id := int32(len(b.nodes))
	b.nodes = append(b.nodes, node{Feature: -1, Path: float32(float64(depth) + C(len(idx)))})
	if depth >= b.limit || len(idx) <= 1 {
		return id
	}
	for _, f := range b.rng.Perm(b.X.Cols) {
		lo, hi := b.span(idx, f)
		if lo == hi {
			continue
		}
		thr := lo + float32(b.rng.Float64())*(hi-lo)
		if thr <= lo { // rounding: keep both sides non-empty
			thr = math.Nextafter32(lo, hi)
		}
		split := partition(idx, func(i int) bool { return b.X.At(i, f) < thr })
		l := b.grow(idx[:split], depth+1)
		r := b.grow(idx[split:], depth+1)
		b.nodes[id] = node{Feature: int32(f), Threshold: thr, Left: l, Right: r}
		return id
	}
	return id // every feature constant: the rows are duplicates
}

func (b *builder) span(idx []int, f int) (lo, hi float32) {
	lo, hi = b.X.At(idx[0], f), b.X.At(idx[0], f)
	for _, i := range idx[1:] {
		v := b.X.At(i, f)
		lo, hi = min(lo, v), max(hi, v)
	}
	return lo, hi
}

func partition(idx []int, goLeft func(int) bool) int {
	i, j := 0, len(idx)-1
	for i <= j {
		if goLeft(idx[i]) {
			i++
		} else {
			idx[i], idx[j] = idx[j], idx[i]
			j--
		}
	}
	return i
}
