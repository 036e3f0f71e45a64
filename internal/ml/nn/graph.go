package nn

import (
	"github.com/gomlx/compute"
	"github.com/gomlx/compute/dtypes"
	"github.com/gomlx/compute/shapes"
	"github.com/gomlx/gomlx/core/graph"
	gnn "github.com/gomlx/gomlx/ml/nn"
)

// netGraph builds the ByteCNN forward pass as a GoMLX graph. It is the same
// function as ByteCNN.Forward, written for batches: the convolution of width
// w is w shifted slices of the embedded sequence concatenated on the
// feature axis and one Dense layer, which is far faster on GoMLX's Go
// backend than its generic convolution.
type netGraph struct {
	arch Arch
	k    int
}

// batchInputs are the data inputs of a batch: ids [B, L+maxWidth-1] int32
// (bytes then padID) and lens [B] int32, the number of valid window
// positions of each row (its length, at least 1).
type batchInputs struct {
	ids, lens *graph.Node
}

// logits returns [B, K] scores; ps are the parameters in weights.params order.
func (n netGraph) logits(ps []*graph.Node, in batchInputs) *graph.Node {
	emb := graph.Gather(ps[0], graph.InsertAxes(in.ids, -1)) // [B, L+maxW-1, E]
	positions := in.ids.Shape().Dim(1) - n.arch.maxWidth() + 1
	valid := validMask(in.lens, positions)
	pooled := make([]*graph.Node, len(n.arch.Widths))
	for i, width := range n.arch.Widths {
		pooled[i] = n.convMax(emb, ps[1+2*i], ps[2+2*i], width, positions, valid)
	}
	x := graph.MaxScalar(graph.Concatenate(pooled, -1), 0) // ReLU after the max equals max of ReLUs
	p := 1 + 2*len(n.arch.Widths)
	x = graph.MaxScalar(gnn.Dense(x, ps[p], ps[p+1], compute.DenseLayoutInputOutputs), 0)
	return gnn.Dense(x, ps[p+2], ps[p+3], compute.DenseLayoutInputOutputs)
}

// validMask is [B, positions]: position t of row b is a window start
// inside the string, t < lens[b].
func validMask(lens *graph.Node, positions int) *graph.Node {
	iota := graph.Iota(lens.Graph(), shapes.Make(lens.DType(), lens.Shape().Dim(0), positions), 1)
	return graph.LessThan(iota, graph.InsertAxes(lens, -1))
}

// convMax is one filter bank followed by the max over valid positions.
func (n netGraph) convMax(emb, kernel, bias *graph.Node, width, positions int, valid *graph.Node) *graph.Node {
	E, F := n.arch.Embed, n.arch.Filters
	parts := make([]*graph.Node, width)
	for j := range width {
		parts[j] = graph.SliceAxis(emb, 1, graph.AxisRange(j, j+positions))
	}
	x := graph.Concatenate(parts, -1) // [B, L, w·E]
	h := gnn.Dense(x, graph.Reshape(kernel, width*E, F), bias, compute.DenseLayoutInputOutputs)
	h = graph.Where(valid, h, graph.Infinity(h.Graph(), h.DType(), -1))
	return graph.ReduceMax(h, 1) // [B, F]
}

// loss is the weighted mean cross-entropy; weights [B] are normalised to
// sum to one by the caller (padding rows weigh zero).
func (n netGraph) loss(ps []*graph.Node, in batchInputs, labels, weights *graph.Node) *graph.Node {
	logp := graph.LogSoftmax(n.logits(ps, in), -1)
	onehot := graph.OneHot(labels, n.k, dtypes.Float32)
	ce := graph.Neg(graph.ReduceSum(graph.Mul(onehot, logp), -1))
	return graph.ReduceAllSum(graph.Mul(ce, weights))
}
