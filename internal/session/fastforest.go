package session

import (
	"errors"
	"fmt"

	"github.com/vigilsec/vigil/internal/ml/artifact"
	"github.com/vigilsec/vigil/internal/ml/forest"
)

// fastForest is the random forest flattened for prediction, with what the
// explanation needs precomputed per leaf. It answers exactly what
// forest.Proba answers (a test checks it).
//
// Contributions follow Saabas' tree interpreter: every inner node gets a
// value, the class distribution of the training rows that reach it, and
// each split on the path adds value(child) − value(node) to the feature it
// tests. A leaf's value is thus the root's (the base rate) plus the sum of
// its path's additions per feature, and the same holds for the forest's
// mean. The sums depend only on the leaf, so they are computed once per
// leaf and a prediction only adds them up: one walk per tree.
type fastForest struct {
	*flat
	vals    []float32 // NumClasses per leaf
	contrib []float32 // per leaf, per class: NumFeatures path sums
	base    [NumClasses]float32
	inv     float32
}

// treeArraysOf reads the node arrays of a forest artifact.
func treeArraysOf(a *artifact.Artifact) (treeArrays, error) {
	var err error
	get := func(name string) []int64 {
		v, e := a.I64(name, -1)
		err = errors.Join(err, e)
		return v
	}
	ta := treeArrays{nodeOff: get("node_offsets"), feat: get("feature"), left: get("left"), right: get("right")}
	if err != nil {
		return ta, err
	}
	ta.thr, err = a.F32("threshold", len(ta.feat))
	return ta, err
}

// compileForest flattens rf; weights holds, per leaf in node order, the
// number of training rows that reach it (see leafWeights).
func compileForest(rf *forest.Forest, weights []float32) (*fastForest, error) {
	a := rf.Artifact("", Classes[:])
	ta, err := treeArraysOf(a)
	if err != nil {
		return nil, err
	}
	fl, err := flatten(ta)
	if err != nil {
		return nil, err
	}
	if len(weights) != len(fl.leafNode) {
		return nil, fmt.Errorf("forest has %d leaves, %d leaf weights", len(fl.leafNode), len(weights))
	}
	if fl.trees > maxTrees {
		return nil, fmt.Errorf("forest has %d trees, at most %d supported", fl.trees, maxTrees)
	}
	m := &fastForest{flat: fl, inv: 1 / float32(fl.trees)}
	valOff, _ := a.I64("value_offsets", -1)
	value, _ := a.Tensor("value")
	m.vals = make([]float32, 0, len(fl.leafNode)*NumClasses)
	for _, g := range fl.leafNode {
		t := treeOf(ta.nodeOff, g)
		o := valOff[t] + ta.left[g]
		m.vals = append(m.vals, value.F32[o:o+NumClasses]...)
	}
	m.explainLeaves(weights)
	return m, nil
}

// treeOf returns the tree that global node g belongs to.
func treeOf(nodeOff []int64, g int64) int {
	t := 0
	for nodeOff[t+1] <= g {
		t++
	}
	return t
}

// explainLeaves computes node values bottom-up and the per-leaf path sums
// top-down, tree by tree.
func (m *fastForest) explainLeaves(weights []float32) {
	m.contrib = make([]float32, len(m.leafNode)*NumFeatures*NumClasses)
	for t, root := range m.roots[:m.trees] {
		end := int32(len(m.nodes))
		if t+1 < m.trees {
			end = m.roots[t+1]
		}
		val := m.nodeValues(root, end, weights)
		for k := range NumClasses {
			m.base[k] += float32(val[0][k]) * m.inv
		}
		m.pathSums(root, end, val)
	}
}

// nodeValues returns the weighted class distribution of nodes root..end-1
// (indexed from root). Children come after their parent in the layout,
// so one backward pass sees children first.
func (m *fastForest) nodeValues(root, end int32, weights []float32) [][NumClasses]float64 {
	val := make([][NumClasses]float64, end-root)
	w := make([]float64, end-root)
	for i := end - 1; i >= root; i-- {
		n, j := m.nodes[i], i-root
		if n.leaf >= 0 {
			w[j] = float64(weights[n.leaf])
			for k := range NumClasses {
				val[j][k] = float64(m.vals[int(n.leaf)*NumClasses+k])
			}
			continue
		}
		l, r := n.child-root, n.child+1-root
		w[j] = w[l] + w[r]
		for k := range NumClasses {
			val[j][k] = (w[l]*val[l][k] + w[r]*val[r][k]) / w[j]
		}
	}
	return val
}

// pathSums stores, for each leaf, the per-feature sums of value changes
// along its path.
func (m *fastForest) pathSums(root, end int32, val [][NumClasses]float64) {
	acc := make([][NumFeatures][NumClasses]float64, end-root)
	for i := root; i < end; i++ {
		n, j := m.nodes[i], i-root
		if n.leaf >= 0 {
			dst := m.contrib[int(n.leaf)*NumClasses*NumFeatures:]
			for k := range NumClasses {
				for f := range NumFeatures {
					dst[k*NumFeatures+f] = float32(acc[j][f][k])
				}
			}
			continue
		}
		for _, c := range []int32{n.child - root, n.child + 1 - root} {
			acc[c] = acc[j]
			for k := range NumClasses {
				acc[c][n.feat][k] += val[c][k] - val[j][k]
			}
		}
	}
}

// forestOut is the forest's answer on one row: the class probabilities,
// the most probable class and the features' contributions to it.
type forestOut struct {
	prob    [NumClasses]float32
	class   int
	contrib [NumFeatures]float32
}

// maxTrees bounds the forest size that score can hold leaves for.
const maxTrees = 256

// score evaluates x. Probabilities are summed in tree order and scaled
// as forest.Proba does, so they are bit-identical to it. A second pass
// over the leaves reached adds up the contributions to the winning class.
func (m *fastForest) score(x *row, o *forestOut) {
	var leaf [8]int32
	var path [maxTrees]int32
	*o = forestOut{}
	for t0 := 0; t0 < m.trees; t0 += 8 {
		m.walk8(x, t0, &leaf)
		for j, l := range leaf[:min(8, m.trees-t0)] {
			path[t0+j] = l
			v := m.vals[int(l)*NumClasses : int(l+1)*NumClasses : int(l+1)*NumClasses]
			for k, p := range v {
				o.prob[k] += p
			}
		}
	}
	for k := range NumClasses {
		o.prob[k] *= m.inv
	}
	o.class = argmax(o.prob[:])
	for _, l := range path[:m.trees] {
		c := m.contrib[(int(l)*NumClasses+o.class)*NumFeatures:][:NumFeatures]
		for f, v := range c {
			o.contrib[f] += v
		}
	}
	for f := range NumFeatures {
		o.contrib[f] *= m.inv
	}
}

// scoreBatch is score for many rows, tree by tree: each tree's nodes and
// leaf data are read for all rows while they are in cache. leaves is
// scratch of at least trees × len(xs). Results are identical to score's.
func (m *fastForest) scoreBatch(xs []row, out []forestOut, leaves []int32) {
	n := len(xs)
	for r := range out[:n] {
		out[r] = forestOut{}
	}
	m.treeMajor(xs, func(t, r0 int, ls []int32) {
		copy(leaves[t*n+r0:], ls)
		for j, l := range ls {
			v := m.vals[int(l)*NumClasses : int(l+1)*NumClasses : int(l+1)*NumClasses]
			o := &out[r0+j]
			for k, p := range v {
				o.prob[k] += p
			}
		}
	})
	for r := range out[:n] {
		for k := range NumClasses {
			out[r].prob[k] *= m.inv
		}
		out[r].class = argmax(out[r].prob[:])
	}
	for t := range m.trees {
		for r, l := range leaves[t*n : (t+1)*n] {
			c := m.contrib[(int(l)*NumClasses+out[r].class)*NumFeatures:][:NumFeatures]
			for f, v := range c {
				out[r].contrib[f] += v
			}
		}
	}
	for r := range out[:n] {
		for f := range NumFeatures {
			out[r].contrib[f] *= m.inv
		}
	}
}

// leafWeights counts the rows of X (scaled) that reach each leaf of rf,
// in the leaf order compileForest uses.
func leafWeights(rf *forest.Forest, X []row) ([]float32, error) {
	ta, err := treeArraysOf(rf.Artifact("", Classes[:]))
	if err != nil {
		return nil, err
	}
	fl, err := flatten(ta)
	if err != nil {
		return nil, err
	}
	w := make([]float32, len(fl.leafNode))
	for i := range X {
		fl.leaves(&X[i], func(_ int, l int32) { w[l]++ })
	}
	return w, nil
}
