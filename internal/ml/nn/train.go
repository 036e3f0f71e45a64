package nn

import (
	"errors"
	"fmt"
	"time"

	"github.com/vigilsec/vigil/internal/ml/train"
)

// Dataset is labelled strings; Y holds class indices.
type Dataset struct {
	X []string
	Y []int
}

// Config controls Train. DefaultConfig gives working values.
type Config struct {
	Arch         Arch
	Epochs       int
	BatchSize    int
	LR, MinLR    float64 // peak and final learning rate
	WarmupFrac   float64 // share of all steps spent warming up
	WeightDecay  float64 // AdamW decoupled decay (kernels and embedding only)
	ClipNorm     float64 // global gradient norm ceiling; 0 disables
	Patience     int     // epochs without val macro-F1 gain before stopping; 0 never stops
	Balanced     bool    // weight classes by n/(K·n_c)
	ClassWeights []float64
	Seed         uint64
	// Backend is the GoMLX backend configuration, e.g. "go" or
	// "go:parallelism=1"; empty means $GOMLX_BACKEND, else "go".
	Backend  string
	Log      func(EpochStats) // optional, after every epoch
	Progress func(StepStats)  // optional, after every optimiser step
}

// DefaultConfig suits command lines and request lines of up to a few
// hundred bytes.
func DefaultConfig() Config {
	return Config{
		Arch: DefaultArch(), Epochs: 20, BatchSize: 64, LR: 3e-3, MinLR: 1e-4, WarmupFrac: 0.05,
		WeightDecay: 1e-2, ClipNorm: 1, Patience: 4, Balanced: true, Seed: 1,
	}
}

// EpochStats describes one epoch.
type EpochStats struct {
	Epoch      int
	Loss       float64 // mean weighted training cross-entropy
	ValMacroF1 float64
	LR         float64 // at the end of the epoch
	GradNorm   float64 // mean pre-clipping global norm
	Duration   time.Duration
}

// StepStats describes one optimiser step, for progress bars.
type StepStats struct {
	Epoch, Step, TotalSteps int // Step counts from 1 over the whole run
	Loss, GradNorm, LR      float64
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
	case k < 2:
		return fmt.Errorf("need at least 2 classes, got %d", k)
	}
	return c.Arch.check()
}

// classWeights returns explicit, balanced or unit weights.
func (c Config) classWeights(y []int, k int) []float64 {
	return train.ClassWeights(y, k, c.ClassWeights, c.Balanced)
}

// checkData rejects empty sets and labels outside [0, k).
func checkData(d Dataset, k int, name string) error {
	if len(d.X) != len(d.Y) {
		return fmt.Errorf("%s set: %d strings but %d labels", name, len(d.X), len(d.Y))
	}
	for i, y := range d.Y {
		if y < 0 || y >= k {
			return fmt.Errorf("%s set: label %d of example %d outside [0, %d)", name, y, i, k)
		}
	}
	return nil
}
