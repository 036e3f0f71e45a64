package forest

// node is one tree node, 16 bytes. For a leaf Feature is -1 and Left is the
// leaf's offset into Tree.Value.
type node struct {
	Feature   int32
	Threshold float32 // go left when x[Feature] <= Threshold
	Left      int32
	Right     int32
}

// Tree is one fitted CART tree.
type Tree struct {
	nodes []node
	value []float32 // K class probabilities per leaf
}

// leaf returns the class distribution of the leaf x reaches.
func (t *Tree) leaf(x []float32, k int) []float32 {
	i := int32(0)
	for {
		n := &t.nodes[i]
		if n.Feature < 0 {
			return t.value[n.Left : n.Left+int32(k)]
		}
		if x[n.Feature] <= n.Threshold {
			i = n.Left
		} else {
			i = n.Right
		}
	}
}

// Nodes returns the number of nodes.
func (t *Tree) Nodes() int { return len(t.nodes) }

// Depth returns the length of the longest root-to-leaf path.
func (t *Tree) Depth() int { return t.depth(0) }

func (t *Tree) depth(i int32) int {
	n := t.nodes[i]
	if n.Feature < 0 {
		return 0
	}
	return 1 + max(t.depth(n.Left), t.depth(n.Right))
}
