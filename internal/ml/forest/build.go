package forest

import (
	"math"
	"math/rand/v2"
	"slices"

	"github.com/vigilsec/vigil/internal/ml/vec"
)

// builder grows trees; each worker owns one and reuses its scratch.
type builder struct {
	X         *vec.Dense
	y         []int
	k, mtry   int
	cfg       Config
	rng       *rand.Rand
	t         *Tree
	keys      []uint64 // sortable feature value << 32 | label
	feats     []int
	left, tot []int
}

func newBuilder(X *vec.Dense, y []int, k int, cfg Config) *builder {
	b := &builder{X: X, y: y, k: k, cfg: cfg, mtry: cfg.maxFeatures(X.Cols),
		feats: make([]int, X.Cols), left: make([]int, k), tot: make([]int, k)}
	return b
}

// tree grows tree number t from its own seeded generator.
func (b *builder) tree(t uint64) Tree {
	b.rng = rand.New(rand.NewPCG(b.cfg.Seed, t))
	b.t = &Tree{}
	for i := range b.feats { // the shuffle state must not leak between trees
		b.feats[i] = i
	}
	n := b.X.Rows
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
		if !b.cfg.NoBootstrap {
			idx[i] = b.rng.IntN(n)
		}
	}
	b.grow(idx, 0)
	return *b.t
}

// grow adds the subtree for the rows in idx and returns its node index.
func (b *builder) grow(idx []int, depth int) int32 {
	id := int32(len(b.t.nodes))
	b.t.nodes = append(b.t.nodes, node{})
	counts := b.classCounts(idx)
	ok := b.cfg.MaxDepth == 0 || depth < b.cfg.MaxDepth
	var f int
	var thr float32
	if ok {
		f, thr, ok = b.bestSplit(idx, counts)
	}
	if !ok {
		b.t.nodes[id] = b.leaf(counts, len(idx))
		return id
	}
	split := partition(idx, func(i int) bool { return b.X.At(i, f) <= thr })
	l := b.grow(idx[:split], depth+1)
	r := b.grow(idx[split:], depth+1)
	b.t.nodes[id] = node{Feature: int32(f), Threshold: thr, Left: l, Right: r}
	return id
}

func (b *builder) classCounts(idx []int) []int {
	c := make([]int, b.k)
	for _, i := range idx {
		c[b.y[i]]++
	}
	return c
}

func (b *builder) leaf(counts []int, n int) node {
	off := int32(len(b.t.value))
	for _, c := range counts {
		b.t.value = append(b.t.value, float32(c)/float32(n))
	}
	return node{Feature: -1, Left: off}
}

// bestSplit tries features in random order until mtry of them have been
// examined and a valid split exists (like scikit-learn, it looks further
// when the first mtry features are constant in the node). It maximises
// Σ_left c²/n_l + Σ_right c²/n_r, which minimises weighted Gini impurity.
func (b *builder) bestSplit(idx []int, counts []int) (feature int, thr float32, ok bool) {
	n, minLeaf := len(idx), b.cfg.MinSamplesLeaf
	parent := sumSquares(counts) / float64(n)
	if n < 2*minLeaf || parent == float64(n) { // too small or pure
		return 0, 0, false
	}
	best := parent + 1e-9
	for tried := 0; tried < len(b.feats) && (tried < b.mtry || !ok); tried++ {
		j := tried + b.rng.IntN(len(b.feats)-tried)
		b.feats[tried], b.feats[j] = b.feats[j], b.feats[tried]
		f := b.feats[tried]
		if score, t, found := b.scanFeature(idx, counts, f); found && score > best {
			best, feature, thr, ok = score, f, t, true
		}
	}
	return feature, thr, ok
}

// scanFeature sorts the node's values of feature f and scores every
// threshold between distinct values that leaves minLeaf rows on each side.
func (b *builder) scanFeature(idx []int, counts []int, f int) (float64, float32, bool) {
	keys := b.keys[:0]
	for _, i := range idx {
		keys = append(keys, uint64(sortable(b.X.At(i, f)))<<32|uint64(b.y[i]))
	}
	b.keys = keys
	slices.Sort(keys)
	if keys[0]>>32 == keys[len(keys)-1]>>32 {
		return 0, 0, false
	}
	clear(b.left)
	copy(b.tot, counts)
	n, minLeaf := len(keys), b.cfg.MinSamplesLeaf
	sqL, sqR := 0.0, sumSquares(counts)
	best, at := -1.0, -1
	for i := 0; i < n-1; i++ {
		c := int(uint32(keys[i]))
		sqL += float64(2*b.left[c] + 1)
		sqR -= float64(2*b.tot[c] - 1)
		b.left[c]++
		b.tot[c]--
		nl := i + 1
		if keys[i]>>32 == keys[i+1]>>32 || nl < minLeaf || n-nl < minLeaf {
			continue
		}
		if s := sqL/float64(nl) + sqR/float64(n-nl); s > best {
			best, at = s, i
		}
	}
	if at < 0 {
		return 0, 0, false
	}
	lo, hi := unsortable(uint32(keys[at]>>32)), unsortable(uint32(keys[at+1]>>32))
	mid := lo + (hi-lo)/2
	if mid >= hi || math.IsInf(float64(mid), 0) {
		mid = lo
	}
	return best, mid, true
}

func sumSquares(c []int) float64 {
	s := 0.0
	for _, v := range c {
		s += float64(v) * float64(v)
	}
	return s
}

// sortable maps a float32 to a uint32 with the same order.
func sortable(x float32) uint32 {
	u := math.Float32bits(x)
	if u>>31 == 1 {
		return ^u
	}
	return u | 1<<31
}

func unsortable(u uint32) float32 {
	if u>>31 == 1 {
		return math.Float32frombits(u &^ (1 << 31))
	}
	return math.Float32frombits(^u)
}

// partition moves rows where goLeft holds to the front and returns how many.
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
