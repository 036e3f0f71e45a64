package forest

import (
	"errors"
	"fmt"

	"github.com/vigilsec/vigil/internal/ml/artifact"
)

type tensors struct {
	nodeOff, valOff, feat, left, right []int64
	thr, val                           []float32
}

func readTensors(a *artifact.Artifact) (*tensors, error) {
	var ts tensors
	var err error
	get := func(name string) []int64 {
		v, e := a.I64(name, -1)
		err = errors.Join(err, e)
		return v
	}
	ts.nodeOff, ts.valOff = get("node_offsets"), get("value_offsets")
	ts.feat, ts.left, ts.right = get("feature"), get("left"), get("right")
	if err != nil {
		return nil, err
	}
	if ts.thr, err = a.F32("threshold", len(ts.feat)); err != nil {
		return nil, err
	}
	t, err := a.Tensor("value")
	if err != nil || t.F32 == nil {
		return nil, fmt.Errorf("forest artifact: value tensor missing or not float32")
	}
	ts.val = t.F32
	n := len(ts.feat)
	if len(ts.left) != n || len(ts.right) != n || len(ts.nodeOff) != len(ts.valOff) || len(ts.nodeOff) < 2 {
		return nil, fmt.Errorf("forest artifact: inconsistent tensor lengths")
	}
	return &ts, nil
}

// tree extracts tree t, checking offsets, features, children (strictly
// after their parent, so walks terminate) and leaf value ranges.
func (ts *tensors) tree(t, k, features int) (Tree, error) {
	n0, n1, v0, v1 := ts.nodeOff[t], ts.nodeOff[t+1], ts.valOff[t], ts.valOff[t+1]
	if n0 < 0 || n1 <= n0 || n1 > int64(len(ts.feat)) || v0 < 0 || v1 < v0 || v1 > int64(len(ts.val)) {
		return Tree{}, errors.New("bad offsets")
	}
	tr := Tree{nodes: make([]node, n1-n0), value: ts.val[v0:v1]}
	size := int64(len(tr.nodes))
	for i := range tr.nodes {
		g := n0 + int64(i)
		f, l, r := ts.feat[g], ts.left[g], ts.right[g]
		switch {
		case f < 0 && (l < 0 || l+int64(k) > v1-v0):
			return Tree{}, fmt.Errorf("node %d: leaf value out of range", i)
		case f >= int64(features):
			return Tree{}, fmt.Errorf("node %d: feature %d out of range", i, f)
		case f >= 0 && (l <= int64(i) || r <= int64(i) || l >= size || r >= size):
			return Tree{}, fmt.Errorf("node %d: child out of order", i)
		}
		tr.nodes[i] = node{Feature: int32(max(f, -1)), Threshold: ts.thr[g], Left: int32(l), Right: int32(r)}
	}
	return tr, nil
}
