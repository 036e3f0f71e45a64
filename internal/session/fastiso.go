package session

import (
	"math"

	"github.com/vigilsec/vigil/internal/ml/iforest"
)

// fastIsolation is the isolation forest flattened; Score is bit-identical
// to iforest.Forest.Score.
type fastIsolation struct {
	*flat
	path []float32 // per leaf: depth + c(rows at the leaf)
	c    float64   // c(ψ)
}

func compileIsolation(iso *iforest.Forest) (*fastIsolation, error) {
	a := iso.Artifact("")
	ta, err := treeArraysOf(a)
	if err != nil {
		return nil, err
	}
	// iforest goes left when x < thr; flat goes left when x <= thr, and
	// for float32 x < thr ⇔ x <= the float just below thr.
	for i, v := range ta.thr {
		ta.thr[i] = math.Nextafter32(v, float32(math.Inf(-1)))
	}
	fl, err := flatten(ta)
	if err != nil {
		return nil, err
	}
	path, err := a.F32("path", len(ta.feat))
	if err != nil {
		return nil, err
	}
	m := &fastIsolation{flat: fl, c: iforest.C(iso.SampleSize)}
	for _, g := range fl.leafNode {
		m.path = append(m.path, path[g])
	}
	return m, nil
}

// scoreBatch writes the anomaly score of each row of xs into out, tree by
// tree; identical to score.
func (m *fastIsolation) scoreBatch(xs []row, out []float64) {
	sums := out[:len(xs)]
	clear(sums)
	m.treeMajor(xs, func(_, r0 int, ls []int32) {
		for j, l := range ls {
			sums[r0+j] += float64(m.path[l])
		}
	})
	for r, s := range sums {
		out[r] = math.Exp2(-s / float64(m.trees) / m.c)
	}
}

// score returns the anomaly score of x. Path lengths are summed in tree
// order and scaled as iforest does, so it is bit-identical to Score.
func (m *fastIsolation) score(x *row) float64 {
	var leaf [8]int32
	var sum float64
	for t0 := 0; t0 < m.trees; t0 += 8 {
		m.walk8(x, t0, &leaf)
		for _, l := range leaf[:min(8, m.trees-t0)] {
			sum += float64(m.path[l])
		}
	}
	return math.Exp2(-sum / float64(m.trees) / m.c)
}
