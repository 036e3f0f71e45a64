package nn

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/vigilsec/vigil/internal/ml/metrics"
	"github.com/vigilsec/vigil/internal/ml/train"
)

// trainer holds the state of one Train call.
type trainer struct {
	cfg     Config
	m       *ByteCNN // refreshed from the session after every epoch
	ps      []param  // aliases m's weights
	sess    *session
	classW  []float64
	sched   train.WarmupCosine
	batches int // per epoch
}

// Train fits a K-class ByteCNN with GoMLX and returns it as a pure-Go model.
// With a non-empty val set it evaluates macro-F1 after every epoch, stops
// after cfg.Patience epochs without improvement and returns the best epoch's
// weights. For a given cfg.Seed the initial weights and the batch order are
// fixed; the result is reproducible as far as the backend's arithmetic is.
func Train(k int, trainSet, val Dataset, cfg Config) (m *ByteCNN, rep Report, err error) {
	defer func() {
		if r := recover(); r != nil {
			m, err = nil, fmt.Errorf("train bytecnn: gomlx: %v", r)
		}
	}()
	if err := cfg.check(k); err != nil {
		return nil, Report{}, fmt.Errorf("train bytecnn: %w", err)
	}
	if len(trainSet.X) == 0 {
		return nil, Report{}, errors.New("train bytecnn: no training examples")
	}
	if err := checkData(trainSet, k, "training"); err != nil {
		return nil, Report{}, fmt.Errorf("train bytecnn: %w", err)
	}
	if err := checkData(val, k, "validation"); err != nil {
		return nil, Report{}, fmt.Errorf("train bytecnn: %w", err)
	}
	t, err := newTrainer(k, trainSet, cfg)
	if err != nil {
		return nil, Report{}, fmt.Errorf("train bytecnn: %w", err)
	}
	defer t.sess.close()
	rep, err = t.run(trainSet, val)
	if err != nil {
		return nil, rep, fmt.Errorf("train bytecnn: %w", err)
	}
	return t.m, rep, nil
}

func newTrainer(k int, d Dataset, cfg Config) (*trainer, error) {
	ps := newParams(cfg.Arch, k)
	initialise(ps, rand.New(rand.NewPCG(cfg.Seed, 0x636e6e))) // "cnn"
	m, err := newByteCNN(cfg.Arch, k, ps)
	if err != nil {
		return nil, err
	}
	sess, err := newSession(cfg, k, ps)
	if err != nil {
		return nil, err
	}
	batches := (len(d.X) + cfg.BatchSize - 1) / cfg.BatchSize
	steps := cfg.Epochs * batches
	return &trainer{
		cfg: cfg, m: m, ps: ps, sess: sess, classW: cfg.classWeights(d.Y, k), batches: batches,
		sched: train.WarmupCosine{
			Peak: cfg.LR, Floor: cfg.MinLR, Warmup: int(cfg.WarmupFrac * float64(steps)), Total: steps,
		},
	}, nil
}

func (t *trainer) run(d, val Dataset) (Report, error) {
	rng := rand.New(rand.NewPCG(t.cfg.Seed, 0x6f7264)) // "ord"
	stopper := train.EarlyStopping{Patience: t.cfg.Patience}
	best := t.snapshot(nil)
	var rep Report
	for epoch := range t.cfg.Epochs {
		st, err := t.epoch(d, epoch, rng.Perm(len(d.X)))
		if err != nil {
			return rep, err
		}
		if len(val.X) > 0 {
			st.ValMacroF1 = metrics.MacroF1(val.Y, t.m.Evaluate(val), t.m.K)
		}
		rep.History = append(rep.History, st)
		if t.cfg.Log != nil {
			t.cfg.Log(st)
		}
		improved, stop := stopper.Observe(epoch, st.ValMacroF1)
		if improved {
			best = t.snapshot(best)
		}
		if stop && len(val.X) > 0 {
			rep.StoppedEarly = true
			break
		}
	}
	if len(val.X) > 0 {
		t.restore(best)
	}
	rep.BestValF1, rep.BestEpoch, _ = stopper.Best()
	return rep, nil
}

// epoch runs one pass over d in the given order, then copies the weights
// out of GoMLX into t.m.
func (t *trainer) epoch(d Dataset, epoch int, order []int) (EpochStats, error) {
	start := time.Now()
	st := EpochStats{Epoch: epoch}
	var lossSum, weightSum, normSum float64
	for i := range t.batches {
		rows := order[i*t.cfg.BatchSize : min((i+1)*t.cfg.BatchSize, len(order))]
		b := makeBatch(d, rows, t.cfg.BatchSize, t.cfg.Arch, t.classW)
		lr := t.sched.At(t.sess.steps)
		loss, norm, err := t.sess.step(b, lr, t.cfg.WeightDecay)
		if err != nil {
			return st, err
		}
		lossSum, weightSum, normSum = lossSum+loss*b.wsum, weightSum+b.wsum, normSum+norm
		st.LR = lr
		if t.cfg.Progress != nil {
			t.cfg.Progress(StepStats{Epoch: epoch, Step: t.sess.steps, TotalSteps: t.sched.Total, Loss: loss, GradNorm: norm, LR: lr})
		}
	}
	st.Loss = lossSum / math.Max(weightSum, 1e-12)
	st.GradNorm = normSum / float64(t.batches)
	if err := t.sess.copyParams(t.ps); err != nil {
		return st, err
	}
	t.m.fold()
	st.Duration = time.Since(start)
	return st, nil
}

// snapshot copies the current weights into dst (allocated when nil).
func (t *trainer) snapshot(dst [][]float32) [][]float32 {
	if dst == nil {
		dst = make([][]float32, len(t.ps))
	}
	for i, p := range t.ps {
		dst[i] = append(dst[i][:0], p.data...)
	}
	return dst
}

// restore puts snapshot weights back into the model.
func (t *trainer) restore(src [][]float32) {
	for i, p := range t.ps {
		copy(p.data, src[i])
	}
	t.m.fold()
}
