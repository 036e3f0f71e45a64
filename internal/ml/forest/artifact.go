package forest

import (
	"fmt"

	"github.com/vigilsec/vigil/internal/ml/artifact"
)

// Kind identifies random forests in artifacts.
const Kind = "forest.random"

// Artifact packs the forest: all trees' nodes concatenated, with per-tree
// offsets, so the tensor count does not grow with the number of trees.
func (f *Forest) Artifact(schemaHash string, classes []string) *artifact.Artifact {
	var feat, left, right, nodeOff, valOff []int64
	var thr, val []float32
	for _, t := range f.Trees {
		nodeOff, valOff = append(nodeOff, int64(len(feat))), append(valOff, int64(len(val)))
		for _, n := range t.nodes {
			feat, thr = append(feat, int64(n.Feature)), append(thr, n.Threshold)
			left, right = append(left, int64(n.Left)), append(right, int64(n.Right))
		}
		val = append(val, t.value...)
	}
	nodeOff, valOff = append(nodeOff, int64(len(feat))), append(valOff, int64(len(val)))
	return &artifact.Artifact{
		Kind: Kind, SchemaHash: schemaHash, Classes: classes,
		Metadata: map[string]string{"features": fmt.Sprint(f.Features)},
		Tensors: []artifact.Tensor{
			{Name: "node_offsets", Shape: []int{len(nodeOff)}, I64: nodeOff},
			{Name: "value_offsets", Shape: []int{len(valOff)}, I64: valOff},
			{Name: "feature", Shape: []int{len(feat)}, I64: feat},
			{Name: "threshold", Shape: []int{len(thr)}, F32: thr},
			{Name: "left", Shape: []int{len(left)}, I64: left},
			{Name: "right", Shape: []int{len(right)}, I64: right},
			{Name: "value", Shape: []int{len(val)}, F32: val},
		},
	}
}

// FromArtifact rebuilds a forest and validates every node, so a crafted
// file cannot make prediction index out of range or loop forever.
func FromArtifact(a *artifact.Artifact) (*Forest, error) {
	if a.Kind != Kind {
		return nil, fmt.Errorf("artifact kind %q is not %q", a.Kind, Kind)
	}
	f := &Forest{K: len(a.Classes)}
	if _, err := fmt.Sscan(a.Meta("features"), &f.Features); err != nil || f.Features <= 0 || f.K < 2 {
		return nil, fmt.Errorf("forest artifact: bad feature count or classes")
	}
	ts, err := readTensors(a)
	if err != nil {
		return nil, err
	}
	for t := 0; t+1 < len(ts.nodeOff); t++ {
		tree, err := ts.tree(t, f.K, f.Features)
		if err != nil {
			return nil, fmt.Errorf("forest artifact: tree %d: %w", t, err)
		}
		f.Trees = append(f.Trees, tree)
	}
	if len(f.Trees) == 0 {
		return nil, fmt.Errorf("forest artifact: no trees")
	}
	return f, nil
}
