package iforest

import (
	"fmt"
	"math"
	"strconv"

	"github.com/vigilsec/vigil/internal/ml/artifact"
)

// Kind identifies isolation forests in artifacts.
const Kind = "forest.isolation"

// Artifact packs the forest; trees are concatenated with offsets.
func (f *Forest) Artifact(schemaHash string) *artifact.Artifact {
	var off, feat, left, right []int64
	var thr, path []float32
	for _, t := range f.trees {
		off = append(off, int64(len(feat)))
		for _, n := range t {
			feat, left, right = append(feat, int64(n.Feature)), append(left, int64(n.Left)), append(right, int64(n.Right))
			thr, path = append(thr, n.Threshold), append(path, n.Path)
		}
	}
	off = append(off, int64(len(feat)))
	n := len(feat)
	return &artifact.Artifact{
		Kind: Kind, SchemaHash: schemaHash,
		Metadata: map[string]string{
			"features": strconv.Itoa(f.Features), "sample_size": strconv.Itoa(f.SampleSize),
		},
		Tensors: []artifact.Tensor{
			{Name: "threshold_score", Shape: []int{}, F64: []float64{f.Threshold}},
			{Name: "node_offsets", Shape: []int{len(off)}, I64: off},
			{Name: "feature", Shape: []int{n}, I64: feat},
			{Name: "threshold", Shape: []int{n}, F32: thr},
			{Name: "left", Shape: []int{n}, I64: left},
			{Name: "right", Shape: []int{n}, I64: right},
			{Name: "path", Shape: []int{n}, F32: path},
		},
	}
}

// FromArtifact rebuilds the forest, validating every node so a crafted file
// cannot index out of range or loop.
func FromArtifact(a *artifact.Artifact) (*Forest, error) {
	if a.Kind != Kind {
		return nil, fmt.Errorf("artifact kind %q is not %q", a.Kind, Kind)
	}
	f := &Forest{}
	var err1, err2 error
	f.Features, err1 = strconv.Atoi(a.Meta("features"))
	f.SampleSize, err2 = strconv.Atoi(a.Meta("sample_size"))
	if err1 != nil || err2 != nil || f.Features <= 0 || f.SampleSize < 2 {
		return nil, fmt.Errorf("isolation forest artifact: bad features or sample size")
	}
	t, err := a.Tensor("threshold_score")
	if err != nil || len(t.F64) != 1 || math.IsNaN(t.F64[0]) {
		return nil, fmt.Errorf("isolation forest artifact: bad threshold_score")
	}
	f.Threshold = t.F64[0]
	return f, f.readTrees(a)
}

func (f *Forest) readTrees(a *artifact.Artifact) error {
	off, err := a.I64("node_offsets", -1)
	if err != nil {
		return err
	}
	feat, err := a.I64("feature", -1)
	if err != nil {
		return err
	}
	n := len(feat)
	left, e1 := a.I64("left", n)
	right, e2 := a.I64("right", n)
	thr, e3 := a.F32("threshold", n)
	path, e4 := a.F32("path", n)
	for _, e := range []error{e1, e2, e3, e4} {
		if e != nil {
			return e
		}
	}
	for t := 0; t+1 < len(off); t++ {
		lo, hi := off[t], off[t+1]
		if lo < 0 || hi <= lo || hi > int64(n) {
			return fmt.Errorf("isolation forest artifact: tree %d: bad offsets", t)
		}
		tree := make([]node, hi-lo)
		for i := range tree {
			g := lo + int64(i)
			fe, l, r, size := feat[g], left[g], right[g], int64(len(tree))
			if fe >= int64(f.Features) || (fe >= 0 && (l <= int64(i) || r <= int64(i) || l >= size || r >= size)) {
				return fmt.Errorf("isolation forest artifact: tree %d node %d invalid", t, i)
			}
			tree[i] = node{Feature: int32(max(fe, -1)), Threshold: thr[g], Left: int32(l), Right: int32(r), Path: path[g]}
		}
		f.trees = append(f.trees, tree)
	}
	if len(f.trees) == 0 {
		return fmt.Errorf("isolation forest artifact: no trees")
	}
	return nil
}
