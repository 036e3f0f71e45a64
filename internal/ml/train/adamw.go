package train

import "math"

// AdamW is Adam with decoupled weight decay (Loshchilov & Hutter, 2019):
// the decay shrinks weights directly, w ← w − lr·λ·w, instead of being added
// to the gradient where Adam's scaling would weaken it.
type AdamW struct {
	Beta1, Beta2 float64
	Eps          float64
	WeightDecay  float64

	t    int
	m, v [][]float32
}

// NewAdamW returns AdamW with the usual β1 0.9, β2 0.999, ε 1e-8.
func NewAdamW(weightDecay float64) *AdamW {
	return &AdamW{Beta1: 0.9, Beta2: 0.999, Eps: 1e-8, WeightDecay: weightDecay}
}

// Step applies one update at learning rate lr. params must be passed in the
// same order with the same sizes on every call; moment buffers are
// allocated on the first call only.
func (o *AdamW) Step(params []Param, lr float64) {
	if o.m == nil {
		o.m, o.v = make([][]float32, len(params)), make([][]float32, len(params))
		for i, p := range params {
			o.m[i], o.v[i] = make([]float32, len(p.Value)), make([]float32, len(p.Value))
		}
	}
	o.t++
	c1 := 1 - math.Pow(o.Beta1, float64(o.t))
	c2 := 1 - math.Pow(o.Beta2, float64(o.t))
	for i, p := range params {
		decay := float32(lr * o.WeightDecay)
		if p.NoDecay {
			decay = 0
		}
		o.update(p, o.m[i], o.v[i], float32(lr/c1), float32(1/math.Sqrt(c2)), decay)
	}
}

func (o *AdamW) update(p Param, m, v []float32, stepLR, invC2, decay float32) {
	b1, b2, eps := float32(o.Beta1), float32(o.Beta2), float32(o.Eps)
	m, v, g := m[:len(p.Value)], v[:len(p.Value)], p.Grad[:len(p.Value)]
	for j, w := range p.Value {
		m[j] = b1*m[j] + (1-b1)*g[j]
		v[j] = b2*v[j] + (1-b2)*g[j]*g[j]
		denom := float32(math.Sqrt(float64(v[j])))*invC2 + eps
		p.Value[j] = w - stepLR*m[j]/denom - decay*w
	}
}

// Steps returns the number of updates applied so far.
func (o *AdamW) Steps() int { return o.t }
