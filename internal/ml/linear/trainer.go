package linear

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/vigilsec/vigil/internal/ml/calibrate"
	"github.com/vigilsec/vigil/internal/ml/metrics"
	"github.com/vigilsec/vigil/internal/ml/train"
)

// trainer holds the state of one Train call.
type trainer struct {
	m       *Model
	cfg     Config
	weights []float64
	params  []train.Param
	opt     *train.AdamW
	sched   train.Schedule
	probs   []float32
	step    int
}

// Train fits a K-class model on dim-dimensional data. With a non-empty val
// set it evaluates macro-F1 after every epoch, stops after cfg.Patience
// epochs without improvement and returns the best epoch's weights. The
// result depends only on the data and cfg (including cfg.Seed).
func Train(dim, k int, trainSet, val Dataset, cfg Config) (*Model, Report, error) {
	if err := cfg.check(k); err != nil {
		return nil, Report{}, fmt.Errorf("train linear: %w", err)
	}
	if len(trainSet.X) == 0 || len(trainSet.X) != len(trainSet.Y) {
		return nil, Report{}, fmt.Errorf("train linear: need one label per example and at least one example")
	}
	m, err := New(dim, k)
	if err != nil {
		return nil, Report{}, fmt.Errorf("train linear: %w", err)
	}
	t := newTrainer(m, cfg, trainSet)
	rep := t.run(trainSet, val)
	return m, rep, nil
}

func newTrainer(m *Model, cfg Config, d Dataset) *trainer {
	steps := cfg.Epochs * ((len(d.X) + cfg.BatchSize - 1) / cfg.BatchSize)
	return &trainer{
		m: m, cfg: cfg, weights: cfg.classWeights(d.Y, m.K),
		params: []train.Param{
			{Name: "W", Value: m.W, Grad: make([]float32, len(m.W))},
			{Name: "B", Value: m.B, Grad: make([]float32, len(m.B)), NoDecay: true},
		},
		opt: train.NewAdamW(cfg.WeightDecay),
		sched: train.WarmupCosine{
			Peak: cfg.LR, Floor: cfg.MinLR, Warmup: int(cfg.WarmupFrac * float64(steps)), Total: steps,
		},
		probs: make([]float32, m.K),
	}
}

func (t *trainer) run(d, val Dataset) Report {
	rng := rand.New(rand.NewPCG(t.cfg.Seed, 0x6c696e)) // "lin"
	stopper := train.EarlyStopping{Patience: t.cfg.Patience}
	bestW, bestB := append([]float32(nil), t.m.W...), append([]float32(nil), t.m.B...)
	var rep Report
	for epoch := range t.cfg.Epochs {
		st := t.epoch(d, rng.Perm(len(d.X)))
		st.Epoch = epoch
		if len(val.X) > 0 {
			st.ValMacroF1 = metrics.MacroF1(val.Y, t.m.Evaluate(val), t.m.K)
		}
		rep.History = append(rep.History, st)
		if t.cfg.Log != nil {
			t.cfg.Log(st)
		}
		improved, stop := stopper.Observe(epoch, st.ValMacroF1)
		if improved {
			copy(bestW, t.m.W)
			copy(bestB, t.m.B)
		}
		if stop && len(val.X) > 0 {
			rep.StoppedEarly = true
			break
		}
	}
	if len(val.X) > 0 {
		copy(t.m.W, bestW)
		copy(t.m.B, bestB)
	}
	rep.BestValF1, rep.BestEpoch, _ = stopper.Best()
	return rep
}

// epoch runs one pass over d in the given order and returns its stats.
func (t *trainer) epoch(d Dataset, order []int) EpochStats {
	var st EpochStats
	var lossSum, weightSum, normSum float64
	batches := 0
	for start := 0; start < len(order); start += t.cfg.BatchSize {
		batch := order[start:min(start+t.cfg.BatchSize, len(order))]
		loss, wsum := t.gradient(d, batch)
		lossSum, weightSum = lossSum+loss, weightSum+wsum
		normSum += t.update()
		batches++
	}
	st.Loss = lossSum / math.Max(weightSum, 1e-12)
	st.GradNorm = normSum / float64(batches)
	st.LR = t.sched.At(t.step - 1)
	return st
}

// gradient fills the parameter gradients with the mean weighted
// cross-entropy gradient of batch and returns the summed loss and weight.
func (t *trainer) gradient(d Dataset, batch []int) (loss, wsum float64) {
	gW, gB, k := t.params[0].Grad, t.params[1].Grad, t.m.K
	clear(gW)
	clear(gB)
	for _, i := range batch {
		wsum += t.weights[d.Y[i]]
	}
	for _, i := range batch {
		x, y, w := d.X[i], d.Y[i], t.weights[d.Y[i]]
		p := calibrate.Softmax(t.probs, t.m.Logits(x, t.probs), 1)
		loss -= w * math.Log(math.Max(float64(p[y]), 1e-12))
		p[y]--
		scale := float32(w / wsum)
		for c := range p {
			p[c] *= scale
			gB[c] += p[c]
		}
		for n, j := range x.Index {
			if int(j) < t.m.Dim {
				row, v := gW[int(j)*k:int(j)*k+k], x.Value[n]
				for c, g := range p {
					row[c] += v * g
				}
			}
		}
	}
	return loss, wsum
}

// update adds the L2 term, clips, and takes one AdamW step; it returns the
// pre-clipping gradient norm.
func (t *trainer) update() float64 {
	if l2 := float32(t.cfg.L2); l2 > 0 {
		g := t.params[0].Grad
		for i, w := range t.m.W {
			g[i] += l2 * w
		}
	}
	norm := train.ClipGlobalNorm(t.params, t.cfg.ClipNorm)
	t.opt.Step(t.params, t.sched.At(t.step))
	t.step++
	return norm
}
