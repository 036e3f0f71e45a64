package training

import (
	"fmt"
	"time"

	"github.com/vigilsec/vigil/internal/command/detect"
	"github.com/vigilsec/vigil/internal/command/features"
	"github.com/vigilsec/vigil/internal/ml/metrics"
	"github.com/vigilsec/vigil/internal/ml/nn"
	"github.com/vigilsec/vigil/internal/ml/vec"
)

// CNNComparison measures a byte-level CNN (package nn, trained with GoMLX)
// against the shipped Tier-1 linear model on the same grouped split: each
// model alone (argmax, no rules), and the mean of their probabilities.
type CNNComparison struct {
	Epochs          int              `json:"epochs"`
	BestEpoch       int              `json:"best_epoch"`
	TrainSeconds    float64          `json:"train_seconds"`
	ForwardMicros   float64          `json:"forward_us_mean"`
	LinearMacroF1   metrics.Interval `json:"linear_macro_f1"`
	CNNMacroF1      metrics.Interval `json:"cnn_macro_f1"`
	EnsembleMacroF1 metrics.Interval `json:"ensemble_macro_f1"`
	CNNGap          metrics.Paired   `json:"cnn_minus_linear"`
	EnsembleGap     metrics.Paired   `json:"ensemble_minus_linear"`
}

// CompareCNN trains the byte-CNN on the Tier-1 train part (text: the raw
// line and the deobfuscated line), stops early on the validation part and
// scores all three on the test part.
func CompareCNN(rows []Row, t1 *Tier1Result, epochs int, seed uint64) (*CNNComparison, error) {
	text := func(idx []int) nn.Dataset {
		d := nn.Dataset{}
		for _, i := range idx {
			d.X, d.Y = append(d.X, features.Text(rows[i].an, features.Both)), append(d.Y, int(rows[i].Class))
		}
		return d
	}
	cfg := nn.DefaultConfig()
	cfg.Epochs, cfg.Patience, cfg.Balanced, cfg.Seed = epochs, 2, false, seed
	start := time.Now()
	m, rep, err := nn.Train(3, text(t1.Parts.Train), text(t1.Parts.Val), cfg)
	if err != nil {
		return nil, fmt.Errorf("byte-CNN: %w", err)
	}
	c := &CNNComparison{Epochs: epochs, BestEpoch: rep.BestEpoch, TrainSeconds: time.Since(start).Seconds()}
	if err := m.Calibrate(text(t1.Parts.Val)); err != nil {
		return nil, err
	}
	test := text(t1.Parts.Test)
	y := test.Y
	lin, cnn, ens := make([]int, len(y)), make([]int, len(y)), make([]int, len(y))
	fz, err := features.NewFeaturizer(detect.Tier1Schema)
	if err != nil {
		return nil, err
	}
	var x vec.Sparse
	pl, pc := make([]float32, 3), make([]float32, 3)
	t0 := time.Now()
	for j, i := range t1.Parts.Test {
		m.Proba(test.X[j], pc)
		x = fz.Vector(rows[i].an, features.Both, x)
		t1.Model.Proba(x, pl)
		lin[j], cnn[j] = metrics.Argmax(pl), metrics.Argmax(pc)
		mean := []float32{pl[0] + pc[0], pl[1] + pc[1], pl[2] + pc[2]}
		ens[j] = metrics.Argmax(mean)
	}
	c.ForwardMicros = float64(time.Since(t0).Microseconds()) / float64(max(len(y), 1))
	macro := func(yt, yp []int) float64 { return metrics.MacroF1(yt, yp, 3) }
	b := bootstrapper{n: len(y)}
	c.LinearMacroF1 = b.run(metrics.OnLabels(y, lin, macro))
	c.CNNMacroF1 = b.run(metrics.OnLabels(y, cnn, macro))
	c.EnsembleMacroF1 = b.run(metrics.OnLabels(y, ens, macro))
	if c.CNNGap, err = metrics.PairedBootstrap(len(y), metrics.OnLabels(y, cnn, macro), metrics.OnLabels(y, lin, macro), Bootstrap); err != nil {
		return nil, err
	}
	if c.EnsembleGap, err = metrics.PairedBootstrap(len(y), metrics.OnLabels(y, ens, macro), metrics.OnLabels(y, lin, macro), Bootstrap); err != nil {
		return nil, err
	}
	return c, b.err
}
