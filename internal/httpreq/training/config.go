package training

import (
	"github.com/vigilsec/vigil/internal/httpreq/dataset"
	"github.com/vigilsec/vigil/internal/ml/charlm"
	"github.com/vigilsec/vigil/internal/ml/linear"
	"github.com/vigilsec/vigil/internal/ml/nn"
)

// Config controls a training run.
type Config struct {
	Seed   uint64
	Pool   dataset.PoolConfig
	Binary linear.Config
	Type   linear.Config
	// CNN trains the byte-CNN on at most CNNRows training rows (0 epochs:
	// no CNN, the linear model decides alone).
	CNN     nn.Config
	CNNRows int
	Anomaly charlm.Config
	// MaxFPR is the false-positive rate the threshold may reach on the
	// CSIC validation rows.
	MaxFPR float64
	// Cross lists the sources of the cross-dataset evaluation (nil: none).
	Cross []string
	// Epochs receives the linear models' per-epoch statistics.
	Epochs func(model string, st linear.EpochStats)
	// CNNEpochs receives the CNN's per-epoch statistics.
	CNNEpochs func(nn.EpochStats)
}

// DefaultConfig is the configuration of the shipped models.
func DefaultConfig() Config {
	b := linear.DefaultConfig()
	b.Epochs, b.Patience, b.LR, b.WeightDecay, b.Balanced = 20, 4, 0.02, 1e-4, true
	t := linear.DefaultConfig()
	t.Epochs, t.Patience, t.LR, t.WeightDecay, t.Balanced = 30, 5, 0.05, 1e-4, true
	c := nn.DefaultConfig()
	c.Epochs, c.Patience, c.Balanced = 6, 2, true
	return Config{
		Seed: 42, Pool: dataset.DefaultPool(42), Binary: b, Type: t, CNN: c, CNNRows: 20000,
		Anomaly: charlm.DefaultConfig(), MaxFPR: 0.004,
		Cross: []string{dataset.CSIC, dataset.HttpParams, dataset.DeepXSS, dataset.FWAF, dataset.Payloads, dataset.KaggleXSS},
	}
}
