package linear

import (
	"errors"
	"fmt"

	"github.com/vigilsec/vigil/internal/ml/calibrate"
	"github.com/vigilsec/vigil/internal/ml/train"
	"github.com/vigilsec/vigil/internal/ml/vec"
)

// Dataset is labelled sparse examples; Y holds class indices.
type Dataset struct {
	X []vec.Sparse
	Y []int
}

// Config controls Train. DefaultConfig gives working values.
type Config struct {
	Epochs       int
	BatchSize    int
	LR, MinLR    float64 // peak and final learning rate
	WarmupFrac   float64 // share of all steps spent warming up
	WeightDecay  float64 // AdamW decoupled decay
	L2           float64 // coupled L2 penalty λ/2·‖W‖² added to the loss
	ClipNorm     float64 // global gradient norm ceiling; 0 disables
	Patience     int     // epochs without val macro-F1 gain before stopping; 0 never stops
	Balanced     bool    // weight classes by n/(K·n_c)
	ClassWeights []float64
	Seed         uint64
	Log          func(EpochStats) // optional progress callback
}

// DefaultConfig suits hashed TF-IDF text features.
func DefaultConfig() Config {
	return Config{
		Epochs: 30, BatchSize: 64, LR: 0.05, MinLR: 0.001, WarmupFrac: 0.05,
		WeightDecay: 1e-4, ClipNorm: 5, Patience: 5, Balanced: true, Seed: 1,
	}
}

// EpochStats describes one epoch.
type EpochStats struct {
	Epoch      int
	Loss       float64 // mean weighted training cross-entropy
	ValMacroF1 float64
	LR         float64 // at the end of the epoch
	GradNorm   float64 // mean pre-clipping global norm
}

// Report summarises a training run.
type Report struct {
	BestEpoch    int
	BestValF1    float64
	History      []EpochStats
	StoppedEarly bool
}

func (c Config) check(k int) error {
	switch {
	case c.Epochs <= 0 || c.BatchSize <= 0:
		return errors.New("epochs and batch size must be positive")
	case c.LR <= 0:
		return errors.New("learning rate must be positive")
	case c.ClassWeights != nil && len(c.ClassWeights) != k:
		return fmt.Errorf("%d class weights for %d classes", len(c.ClassWeights), k)
	}
	return nil
}

// classWeights returns explicit, balanced or unit weights.
func (c Config) classWeights(y []int, k int) []float64 {
	return train.ClassWeights(y, k, c.ClassWeights, c.Balanced)
}

// Evaluate returns the model's predictions on d.
func (m *Model) Evaluate(d Dataset) []int {
	pred, z := make([]int, len(d.X)), make([]float32, m.K)
	for i, x := range d.X {
		pred[i] = m.Predict(x, z)
	}
	return pred
}

// Calibrate fits the temperature on held-out data (never the training set:
// its logits are overconfident by construction).
func (m *Model) Calibrate(val Dataset) error {
	logits := make([][]float32, len(val.X))
	for i, x := range val.X {
		logits[i] = m.Logits(x, make([]float32, m.K))
	}
	t, err := calibrate.FitTemperature(logits, val.Y)
	if err != nil {
		return err
	}
	m.Temperature = float32(t)
	return nil
}
