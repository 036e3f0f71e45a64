package session

import (
	"errors"
	"math"
	"slices"
)

// flat is a forest of binary trees laid out for fast, branch-free walks:
// the two children of a node are adjacent (right = left + 1) and a leaf
// points at itself with an infinite threshold, so a walk of exactly the
// tree's depth ends on the leaf whatever the path. Walks go eight at a
// time in lockstep — one row through eight trees (walk8) or, in a batch,
// eight rows through one tree (walkRows8) — so eight latency-bound chains
// of loads overlap instead of queueing: this is what keeps a prediction
// within a few microseconds.
type flat struct {
	nodes []fnode
	// roots holds each tree's first node, padded with copies of the last
	// tree to a multiple of eight; trees is the real count.
	roots []int32
	trees int
	depth []int32
	// groupDepth is the deepest tree of each group of eight.
	groupDepth []int32
	// leafNode[l] is leaf l's node index in the source arrays, so callers
	// can attach what their leaves carry (class values, path lengths).
	leafNode []int64
}

// fnode is one node: go to child when x[feat] <= thr, else to child+1.
type fnode struct {
	thr   float32
	feat  uint32
	child int32
	leaf  int32 // leaf number, -1 for an inner node
}

// row is a feature row as the flat forests read it, padded to eight
// values so that feature indexing needs no bounds check.
type row [8]float32

// treeArrays are the trees as the forest artifacts store them: per tree,
// nodes nodeOff[t]..nodeOff[t+1] with tree-local child indices and
// feature -1 for a leaf.
type treeArrays struct {
	nodeOff, feat, left, right []int64
	thr                        []float32
}

// errNotTree reports a node reached twice: the arrays describe a graph
// that is not a tree.
var errNotTree = errors.New("flatten: node with two parents")

// flatten lays out every tree breadth first. It relies on the forest
// packages' validation (children after their parent, in range, features
// below NumFeatures) and adds the check that each node has one parent.
func flatten(a treeArrays) (*flat, error) {
	f := &flat{}
	for t := 0; t+1 < len(a.nodeOff); t++ {
		if err := f.addTree(a, a.nodeOff[t], a.nodeOff[t+1]); err != nil {
			return nil, err
		}
	}
	if len(f.roots) == 0 {
		return nil, errors.New("flatten: no trees")
	}
	f.trees = len(f.roots)
	for t := 0; t < f.trees; t += 8 {
		f.groupDepth = append(f.groupDepth, slices.Max(f.depth[t:min(t+8, f.trees)]))
	}
	for len(f.roots)%8 != 0 {
		f.roots = append(f.roots, f.roots[f.trees-1])
	}
	return f, nil
}

func (f *flat) addTree(a treeArrays, n0, n1 int64) error {
	base := int32(len(f.nodes))
	pos := make([]int32, n1-n0) // new index of each local node; 0 = not placed
	level := make([]int32, n1-n0)
	order := []int64{0}
	f.nodes = append(f.nodes, fnode{})
	pos[0] = base
	var depth int32
	for q := 0; q < len(order); q++ {
		o := order[q]
		depth = max(depth, level[o])
		if a.feat[n0+o] < 0 {
			continue
		}
		l, r := a.left[n0+o], a.right[n0+o]
		if l == 0 || r == 0 || l == r || pos[l] != 0 || pos[r] != 0 {
			return errNotTree
		}
		pos[l], pos[r] = int32(len(f.nodes)), int32(len(f.nodes)+1)
		level[l], level[r] = level[o]+1, level[o]+1
		f.nodes = append(f.nodes, fnode{}, fnode{})
		order = append(order, l, r)
	}
	for _, o := range order {
		g := n0 + o
		if a.feat[g] < 0 {
			f.nodes[pos[o]] = fnode{thr: float32(math.Inf(1)), child: pos[o], leaf: int32(len(f.leafNode))}
			f.leafNode = append(f.leafNode, g)
			continue
		}
		f.nodes[pos[o]] = fnode{thr: a.thr[g], feat: uint32(a.feat[g]), child: pos[a.left[g]], leaf: -1}
	}
	f.roots, f.depth = append(f.roots, base), append(f.depth, depth)
	return nil
}

// walk8 writes the leaf number that x reaches in trees t0..t0+7. It is
// unrolled so the eight dependent chains interleave with no loop
// bookkeeping between them.
func (f *flat) walk8(x *row, t0 int, out *[8]int32) {
	r := f.roots[t0 : t0+8 : t0+8]
	i0, i1, i2, i3, i4, i5, i6, i7 := r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]
	nodes := f.nodes
	for range f.groupDepth[t0/8] {
		n0, n1, n2, n3 := &nodes[i0], &nodes[i1], &nodes[i2], &nodes[i3]
		n4, n5, n6, n7 := &nodes[i4], &nodes[i5], &nodes[i6], &nodes[i7]
		i0 = n0.child + b2i32(x[n0.feat&7] > n0.thr)
		i1 = n1.child + b2i32(x[n1.feat&7] > n1.thr)
		i2 = n2.child + b2i32(x[n2.feat&7] > n2.thr)
		i3 = n3.child + b2i32(x[n3.feat&7] > n3.thr)
		i4 = n4.child + b2i32(x[n4.feat&7] > n4.thr)
		i5 = n5.child + b2i32(x[n5.feat&7] > n5.thr)
		i6 = n6.child + b2i32(x[n6.feat&7] > n6.thr)
		i7 = n7.child + b2i32(x[n7.feat&7] > n7.thr)
	}
	*out = [8]int32{nodes[i0].leaf, nodes[i1].leaf, nodes[i2].leaf, nodes[i3].leaf, nodes[i4].leaf, nodes[i5].leaf, nodes[i6].leaf, nodes[i7].leaf}
}

// walkRows8 writes the leaf number that each of eight rows reaches in
// tree t: the batch counterpart of walk8, eight rows in lockstep on one
// tree, so a batch can go tree by tree while each tree's nodes and leaf
// data stay in cache.
func (f *flat) walkRows8(t int, xs *[8]*row, out *[8]int32) {
	root := f.roots[t]
	i0, i1, i2, i3, i4, i5, i6, i7 := root, root, root, root, root, root, root, root
	x0, x1, x2, x3, x4, x5, x6, x7 := xs[0], xs[1], xs[2], xs[3], xs[4], xs[5], xs[6], xs[7]
	nodes := f.nodes
	for range f.depth[t] {
		n0, n1, n2, n3 := &nodes[i0], &nodes[i1], &nodes[i2], &nodes[i3]
		n4, n5, n6, n7 := &nodes[i4], &nodes[i5], &nodes[i6], &nodes[i7]
		i0 = n0.child + b2i32(x0[n0.feat&7] > n0.thr)
		i1 = n1.child + b2i32(x1[n1.feat&7] > n1.thr)
		i2 = n2.child + b2i32(x2[n2.feat&7] > n2.thr)
		i3 = n3.child + b2i32(x3[n3.feat&7] > n3.thr)
		i4 = n4.child + b2i32(x4[n4.feat&7] > n4.thr)
		i5 = n5.child + b2i32(x5[n5.feat&7] > n5.thr)
		i6 = n6.child + b2i32(x6[n6.feat&7] > n6.thr)
		i7 = n7.child + b2i32(x7[n7.feat&7] > n7.thr)
	}
	*out = [8]int32{nodes[i0].leaf, nodes[i1].leaf, nodes[i2].leaf, nodes[i3].leaf, nodes[i4].leaf, nodes[i5].leaf, nodes[i6].leaf, nodes[i7].leaf}
}

// treeMajor walks every row of xs through every real tree, tree by tree,
// and calls visit with the leaves of rows r0..r0+len(leaves)-1 in tree t.
func (f *flat) treeMajor(xs []row, visit func(t, r0 int, leaves []int32)) {
	var ptr [8]*row
	var out [8]int32
	for t := range f.trees {
		for r0 := 0; r0 < len(xs); r0 += 8 {
			n := min(8, len(xs)-r0)
			for j := range 8 {
				ptr[j] = &xs[r0+min(j, n-1)] // pad with the last row
			}
			f.walkRows8(t, &ptr, &out)
			visit(t, r0, out[:n])
		}
	}
}

// leaves calls visit with each real tree's leaf for x, in tree order.
func (f *flat) leaves(x *row, visit func(t int, leaf int32)) {
	var out [8]int32
	for t0 := 0; t0 < f.trees; t0 += 8 {
		f.walk8(x, t0, &out)
		for j, l := range out[:min(8, f.trees-t0)] {
			visit(t0+j, l)
		}
	}
}

func b2i32(b bool) int32 {
	if b {
		return 1
	}
	return 0
}
