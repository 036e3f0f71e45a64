package session

import (
	"fmt"

	"github.com/vigilsec/vigil/internal/ml/iforest"
	"github.com/vigilsec/vigil/internal/ml/metrics"
	"github.com/vigilsec/vigil/internal/ml/split"
)

// outcome is the detector's answer on the held-out rows, kept for the
// figures.
type outcome struct {
	yTrue, yPred []int
	probs        [][]float64
	anomaly      []float64
	risk         []int
}

func predictRows(d *Detector, examples []Example, y, rows []int) (*outcome, error) {
	o := &outcome{}
	fs := make([]Features, len(rows))
	for i, r := range rows {
		fs[i] = examples[r].Features
	}
	preds, err := d.PredictBatch(fs)
	if err != nil {
		return nil, err
	}
	for i, r := range rows {
		p := &preds[i]
		o.yTrue = append(o.yTrue, y[r])
		o.yPred = append(o.yPred, ClassIndex(p.AttackType))
		o.probs = append(o.probs, append([]float64(nil), p.Probabilities[:]...))
		o.anomaly = append(o.anomaly, p.AnomalyScore)
		o.risk = append(o.risk, p.RiskScore)
	}
	return o, nil
}

func evaluate(d *Detector, examples []Example, y []int, parts split.Parts, cfg TrainConfig, prog Progress) (*Report, error) {
	o, err := predictRows(d, examples, y, parts.Test)
	if err != nil {
		return nil, err
	}
	bs := metrics.BootstrapConfig{Resamples: cfg.Resamples, Level: 0.95, Seed: cfg.Seed}
	rep := &Report{
		Seed: cfg.Seed, Rows: len(examples), TrainRows: len(parts.Train), TestRows: len(parts.Test),
		Confusion: metrics.Confusion(o.yTrue, o.yPred, NumClasses), outcome: o,
		Config: cfg, AnomalyThreshold: d.iso.Threshold,
	}
	steps := []func() error{
		func() (err error) {
			rep.Accuracy, err = metrics.Bootstrap(len(o.yTrue), metrics.OnLabels(o.yTrue, o.yPred, metrics.Accuracy), bs)
			return
		},
		func() (err error) {
			rep.MacroF1, err = metrics.Bootstrap(len(o.yTrue), metrics.OnLabels(o.yTrue, o.yPred, macroF1), bs)
			return
		},
		func() (err error) {
			rep.ROCAUC, err = metrics.Bootstrap(len(o.yTrue), metrics.OnScores(o.yTrue, o.probs, macroAUC), bs)
			return
		},
		func() (err error) { rep.PerClass, err = perClass(o, bs); return },
		func() (err error) { rep.Anomaly, err = anomalyReport(d, examples, y, parts, o, cfg, bs); return },
	}
	for i, step := range steps {
		if err := step(); err != nil {
			return nil, fmt.Errorf("evaluate: %w", err)
		}
		prog("evaluate", i+1, len(steps))
	}
	rep.Risk = riskReport(o)
	return rep, nil
}

func macroF1(yTrue, yPred []int) float64 { return metrics.MacroF1(yTrue, yPred, NumClasses) }

func macroAUC(yTrue []int, scores [][]float64) float64 {
	m, _ := metrics.OneVsRest(metrics.ROCAUC, yTrue, scores)
	return m
}

// classMetric returns the metric of class c from the per-class scores.
func classMetric(c int, get func(metrics.ClassScores) float64) func(yTrue, yPred []int) float64 {
	return func(yTrue, yPred []int) float64 {
		return get(metrics.PerClass(metrics.Confusion(yTrue, yPred, NumClasses))[c])
	}
}

func perClass(o *outcome, bs metrics.BootstrapConfig) ([]ClassReport, error) {
	_, aucs := metrics.OneVsRest(metrics.ROCAUC, o.yTrue, o.probs)
	support := metrics.PerClass(metrics.Confusion(o.yTrue, o.yPred, NumClasses))
	out := make([]ClassReport, NumClasses)
	for c := range NumClasses {
		out[c] = ClassReport{Class: Classes[c], Support: support[c].Support, ROCAUC: aucs[c]}
		for _, m := range []struct {
			dst *metrics.Interval
			get func(metrics.ClassScores) float64
		}{
			{&out[c].Precision, func(s metrics.ClassScores) float64 { return s.Precision }},
			{&out[c].Recall, func(s metrics.ClassScores) float64 { return s.Recall }},
			{&out[c].F1, func(s metrics.ClassScores) float64 { return s.F1 }},
		} {
			iv, err := metrics.Bootstrap(len(o.yTrue), metrics.OnLabels(o.yTrue, o.yPred, classMetric(c, m.get)), bs)
			if err != nil {
				return nil, err
			}
			*m.dst = iv
		}
	}
	return out, nil
}

// anomalyReport scores the isolation forest as a detector of attacks
// (attack vs Normal) and compares it with one trained on all rows.
func anomalyReport(d *Detector, examples []Example, y []int, parts split.Parts, o *outcome, cfg TrainConfig, bs metrics.BootstrapConfig) (AnomalyReport, error) {
	pos := make([]bool, len(o.yTrue))
	var normals, attacks, flaggedN, flaggedA int
	for i, c := range o.yTrue {
		pos[i] = c != Normal
		flagged := o.anomaly[i] > d.iso.Threshold
		if pos[i] {
			attacks, flaggedA = attacks+1, flaggedA+b2i(flagged)
		} else {
			normals, flaggedN = normals+1, flaggedN+b2i(flagged)
		}
	}
	rep := AnomalyReport{
		Training:       "Normal training rows only",
		NormalFlagRate: float64(flaggedN) / float64(normals), AttackFlagRate: float64(flaggedA) / float64(attacks),
	}
	var err error
	rep.ROCAUC, err = metrics.Bootstrap(len(pos), func(idx []int) float64 {
		p, s := make([]bool, len(idx)), make([]float64, len(idx))
		for i, r := range idx {
			p[i], s[i] = pos[r], o.anomaly[r]
		}
		return metrics.ROCAUC(p, s)
	}, bs)
	if err != nil {
		return rep, err
	}
	rep.AllRowsROCAUC, err = allRowsAUC(d, examples, parts, pos, cfg)
	return rep, err
}

// allRowsAUC trains the alternative isolation forest, on every training
// row, and returns its attack-vs-Normal AUC on the test rows.
func allRowsAUC(d *Detector, examples []Example, parts split.Parts, pos []bool, cfg TrainConfig) (float64, error) {
	X := matrix(examples, parts.Train)
	d.scaler.Transform(X)
	ic := iforest.DefaultConfig()
	ic.Trees, ic.Contamination, ic.Workers, ic.Seed = cfg.IsoTrees, cfg.Contamination, cfg.Workers, cfg.Seed
	iso, err := iforest.Train(X, ic)
	if err != nil {
		return 0, err
	}
	T := matrix(examples, parts.Test)
	d.scaler.Transform(T)
	s := make([]float64, T.Rows)
	for i := range s {
		s[i] = iso.Score(T.Row(i))
	}
	return metrics.ROCAUC(pos, s), nil
}

func riskReport(o *outcome) []RiskSummary {
	out := make([]RiskSummary, NumClasses)
	for c := range out {
		out[c].Class = Classes[c]
	}
	for i, c := range o.yTrue {
		out[c].N++
		out[c].Mean += float64(o.risk[i])
		out[c].HighRiskShare += float64(b2i(o.risk[i] >= HighRisk))
	}
	for c := range out {
		if n := float64(out[c].N); n > 0 {
			out[c].Mean /= n
			out[c].HighRiskShare /= n
		}
	}
	return out
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
