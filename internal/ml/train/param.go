package train

import "math"

// Param is one parameter tensor and its gradient, both flat.
type Param struct {
	Name    string
	Value   []float32
	Grad    []float32
	NoDecay bool // exclude from weight decay (biases, norms)
}

// GlobalNorm returns the Euclidean norm of all gradients together.
func GlobalNorm(params []Param) float64 {
	var sum float64
	for _, p := range params {
		for _, g := range p.Grad {
			sum += float64(g) * float64(g)
		}
	}
	return math.Sqrt(sum)
}

// ClipGlobalNorm scales all gradients by maxNorm/norm when their global norm
// exceeds maxNorm (maxNorm ≤ 0 disables clipping). It returns the norm
// before clipping, which is worth logging: a norm that keeps hitting the
// ceiling means the learning rate is too high.
func ClipGlobalNorm(params []Param, maxNorm float64) float64 {
	norm := GlobalNorm(params)
	if maxNorm <= 0 || norm <= maxNorm || norm == 0 {
		return norm
	}
	f := float32(maxNorm / norm)
	for _, p := range params {
		for i := range p.Grad {
			p.Grad[i] *= f
		}
	}
	return norm
}
