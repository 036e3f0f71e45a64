package train

import "math"

// Schedule maps an optimiser step (0-based) to a learning rate.
type Schedule interface {
	At(step int) float64
}

// WarmupCosine rises linearly from 0 to Peak over Warmup steps, then decays
// along a half cosine to Floor at Total steps and stays there.
type WarmupCosine struct {
	Peak, Floor   float64
	Warmup, Total int
}

// At implements Schedule.
func (s WarmupCosine) At(step int) float64 {
	if step < s.Warmup {
		return s.Peak * float64(step+1) / float64(s.Warmup)
	}
	span := s.Total - s.Warmup
	if span <= 0 || step >= s.Total {
		return s.Floor
	}
	progress := float64(step-s.Warmup) / float64(span)
	return s.Floor + (s.Peak-s.Floor)*0.5*(1+math.Cos(math.Pi*progress))
}

// Constant is a fixed learning rate.
type Constant float64

// At implements Schedule.
func (c Constant) At(int) float64 { return float64(c) }
