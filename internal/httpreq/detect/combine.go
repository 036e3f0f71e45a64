package detect

import (
	"errors"
	"fmt"
)

// Combine is how the binary scores become a verdict; training tunes it on
// validation data and stores it in the binary artifact.
type Combine struct {
	// Weight of the linear probability in the mean with the CNN's
	// (1: linear alone).
	Weight float64 `json:"weight"`
	// Threshold on the combined probability for the attack label.
	Threshold float64 `json:"threshold"`
	// The CNN runs only when the linear probability is in [CascadeLo,
	// CascadeHi]; outside the band the linear model decides alone (tuned so
	// that validation verdicts do not change).
	CascadeLo float64 `json:"cascade_lo"`
	CascadeHi float64 `json:"cascade_hi"`
	// PartThreshold is the score a part needs alone to be named in the
	// evidence.
	PartThreshold float64 `json:"part_threshold"`
	// MinTypeConfidence is the least type-model probability reported as an
	// attack type; below it the type is null.
	MinTypeConfidence float64 `json:"min_type_confidence"`
}

// DefaultCombine is the linear model alone at 0.5.
func DefaultCombine() Combine {
	return Combine{Weight: 1, Threshold: 0.5, CascadeLo: 1, CascadeHi: 0, PartThreshold: 0.5, MinTypeConfidence: 0.3}
}

// Validate checks the ranges.
func (c Combine) Validate() error {
	for name, v := range map[string]float64{"weight": c.Weight, "threshold": c.Threshold, "cascade_lo": c.CascadeLo,
		"cascade_hi": c.CascadeHi, "part_threshold": c.PartThreshold, "min_type_confidence": c.MinTypeConfidence} {
		if !(v >= 0 && v <= 1) {
			return fmt.Errorf("combine: %s %v outside [0, 1]", name, v)
		}
	}
	if c.Threshold == 0 {
		return errors.New("combine: threshold 0 flags everything")
	}
	return nil
}

// NeedsCNN reports whether the CNN must score a request whose linear
// probability is pl.
func (c Combine) NeedsCNN(pl float64) bool {
	return c.Weight < 1 && pl >= c.CascadeLo && pl <= c.CascadeHi
}

// Score combines the linear and CNN probabilities (pc is ignored when the
// CNN did not run).
func (c Combine) Score(pl, pc float64, ranCNN bool) float64 {
	if !ranCNN {
		return pl
	}
	return c.Weight*pl + (1-c.Weight)*pc
}
