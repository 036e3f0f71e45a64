package nn

import (
	"math"

	"github.com/gomlx/gomlx/core/graph"
)

// stepGraph is one whole training step as a GoMLX graph: loss, gradients,
// global-norm clipping and the AdamW update, so the parameters and the
// optimiser moments stay on the backend between steps.
//
// Inputs: params (P), first moments (P), second moments (P), then ids,
// lens, labels, weights and the scalars stepLR = lr/(1−β1ᵗ),
// invC2 = 1/√(1−β2ᵗ) and decay = lr·λ. Outputs: the new params, first and
// second moments, the loss and the pre-clipping global gradient norm.
type stepGraph struct {
	net          netGraph
	decay        []bool // per param: weight decay applies
	beta1, beta2 float64
	eps          float64
	clipNorm     float64 // ≤ 0 disables clipping
}

func (s stepGraph) build(g *graph.Graph, in []*graph.Node) []*graph.Node {
	P := len(s.decay)
	ps, m, v, rest := in[:P], in[P:2*P], in[2*P:3*P], in[3*P:]
	loss := s.net.loss(ps, batchInputs{ids: rest[0], lens: rest[1]}, rest[2], rest[3])
	grads := graph.Gradient(loss, ps...)
	norm := globalNorm(grads)
	if s.clipNorm > 0 {
		grads = clip(grads, norm, s.clipNorm)
	}
	out := make([]*graph.Node, 3*P, 3*P+2)
	for i := range ps {
		out[i], out[P+i], out[2*P+i] = s.adamW(ps[i], m[i], v[i], grads[i], s.decay[i], rest[4], rest[5], rest[6])
	}
	return append(out, loss, norm)
}

// globalNorm is √(Σ‖g‖²) over all gradients.
func globalNorm(grads []*graph.Node) *graph.Node {
	sum := graph.ReduceAllSum(graph.Square(grads[0]))
	for _, g := range grads[1:] {
		sum = graph.Add(sum, graph.ReduceAllSum(graph.Square(g)))
	}
	return graph.Sqrt(sum)
}

// clip scales all gradients by min(1, maxNorm/norm).
func clip(grads []*graph.Node, norm *graph.Node, maxNorm float64) []*graph.Node {
	scale := graph.MinScalar(graph.Div(graph.Scalar(norm.Graph(), norm.DType(), maxNorm), graph.MaxScalar(norm, 1e-12)), 1)
	out := make([]*graph.Node, len(grads))
	for i, g := range grads {
		out[i] = graph.Mul(g, scale)
	}
	return out
}

// adamW is the update of package train's AdamW, in graph form.
func (s stepGraph) adamW(p, m, v, g *graph.Node, decay bool, stepLR, invC2, lrDecay *graph.Node) (p2, m2, v2 *graph.Node) {
	m2 = graph.Add(graph.MulScalar(m, s.beta1), graph.MulScalar(g, 1-s.beta1))
	v2 = graph.Add(graph.MulScalar(v, s.beta2), graph.MulScalar(graph.Square(g), 1-s.beta2))
	denom := graph.AddScalar(graph.Mul(graph.Sqrt(v2), invC2), s.eps)
	p2 = graph.Sub(p, graph.Mul(stepLR, graph.Div(m2, denom)))
	if decay {
		p2 = graph.Sub(p2, graph.Mul(lrDecay, p))
	}
	return p2, m2, v2
}

// adamScalars returns stepLR, invC2 and lr·λ for 1-based step t.
func (s stepGraph) adamScalars(t int, lr, weightDecay float64) (stepLR, invC2, decay float32) {
	c1 := 1 - math.Pow(s.beta1, float64(t))
	c2 := 1 - math.Pow(s.beta2, float64(t))
	return float32(lr / c1), float32(1 / math.Sqrt(c2)), float32(lr * weightDecay)
}
