package training

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/vigilsec/vigil/internal/httpreq/dataset"
	"github.com/vigilsec/vigil/internal/httpreq/detect"
	"github.com/vigilsec/vigil/internal/ml/linear"
	"github.com/vigilsec/vigil/internal/ml/nn"
	"github.com/vigilsec/vigil/internal/ml/split"
	"github.com/vigilsec/vigil/internal/ml/vec"
)

// Binary is the trained attack/normal stage.
type Binary struct {
	Linear     *linear.Model
	Report     linear.Report
	CNN        *nn.ByteCNN // nil when not trained
	CNNReport  nn.Report
	CNNSeconds float64
	CNNRows    int
	Combine    detect.Combine
	// Tuning is what the combination achieves on the CSIC validation rows.
	Tuning  operating
	CSICVal int
	// Parts are the indices of the pool's train and validation rows.
	Parts split.Parts
}

// trainBinary splits the pool 90/10 (stratified by label), trains the
// linear model with early stopping and temperature calibration on the
// validation part, the CNN likewise on a sample, and tunes the
// combination on the validation part's CSIC rows.
func trainBinary(pool []Row, X []vec.Sparse, cfg Config, prog Progress) (*Binary, error) {
	y := labels(pool)
	parts, err := split.Stratified(y, split.Fractions{Train: 0.9, Val: 0.1}, cfg.Seed)
	if err != nil {
		return nil, fmt.Errorf("split: %w", err)
	}
	b := &Binary{Parts: parts}
	if b.Linear, b.Report, err = fitLinear(X, y, parts, 2, detect.BinarySchema.Dim(), cfg.Binary, cfg, "binary"); err != nil {
		return nil, err
	}
	if cfg.CNN.Epochs > 0 {
		if err := b.fitCNN(pool, parts, cfg); err != nil {
			return nil, err
		}
	}
	b.tune(pool, X, cfg)
	return b, nil
}

// fitLinear trains and calibrates a K-class linear model on parts.
func fitLinear(X []vec.Sparse, y []int, parts split.Parts, k, dim int, lc linear.Config, cfg Config, name string) (*linear.Model, linear.Report, error) {
	lc.Seed = cfg.Seed
	if cfg.Epochs != nil {
		lc.Log = func(st linear.EpochStats) { cfg.Epochs(name, st) }
	}
	train := linear.Dataset{X: pick(X, parts.Train), Y: pick(y, parts.Train)}
	val := linear.Dataset{X: pick(X, parts.Val), Y: pick(y, parts.Val)}
	m, rep, err := linear.Train(dim, k, train, val, lc)
	if err != nil {
		return nil, rep, fmt.Errorf("%s model: %w", name, err)
	}
	if err := m.Calibrate(val); err != nil {
		return nil, rep, fmt.Errorf("%s model: calibrate: %w", name, err)
	}
	return m, rep, nil
}

func (b *Binary) fitCNN(pool []Row, parts split.Parts, cfg Config) error {
	rng := rand.New(rand.NewPCG(cfg.Seed, 7))
	train := parts.Train
	if cfg.CNNRows > 0 && len(train) > cfg.CNNRows {
		train = pick(train, rng.Perm(len(train))[:cfg.CNNRows])
		slices.Sort(train)
	}
	text := func(idx []int) nn.Dataset {
		d := nn.Dataset{X: make([]string, len(idx)), Y: make([]int, len(idx))}
		for j, i := range idx {
			d.X[j], d.Y[j] = pool[i].Text, pool[i].Label
		}
		return d
	}
	nc := cfg.CNN
	nc.Seed, nc.Log = cfg.Seed, cfg.CNNEpochs
	start := time.Now()
	m, rep, err := nn.Train(2, text(train), text(parts.Val), nc)
	if err != nil {
		return fmt.Errorf("byte-CNN: %w", err)
	}
	if err := m.Calibrate(text(parts.Val)); err != nil {
		return fmt.Errorf("byte-CNN: calibrate: %w", err)
	}
	b.CNN, b.CNNReport, b.CNNSeconds, b.CNNRows = m, rep, time.Since(start).Seconds(), len(train)
	return nil
}

// tune picks the combination on the CSIC rows of the validation part.
func (b *Binary) tune(pool []Row, X []vec.Sparse, cfg Config) {
	var y []int
	var pl, pc []float64
	p := make([]float32, 2)
	for _, i := range b.Parts.Val {
		if pool[i].Source != dataset.CSIC {
			continue
		}
		y = append(y, pool[i].Label)
		pl = append(pl, float64(b.Linear.Proba(X[i], p)[1]))
		if b.CNN != nil {
			pc = append(pc, float64(b.CNN.Proba(pool[i].Text, p)[1]))
		}
	}
	b.Combine, b.CSICVal = tuneCombine(y, pl, pc, cfg.MaxFPR), len(y)
	s := make([]float64, len(pl))
	for i := range pl {
		s[i] = pl[i]
		if pc != nil {
			s[i] = b.Combine.Score(pl[i], pc[i], b.Combine.NeedsCNN(pl[i]))
		}
	}
	b.Tuning = at(y, s, b.Combine.Threshold)
}
