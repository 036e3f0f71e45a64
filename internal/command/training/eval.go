package training

import (
	"math"

	"github.com/vigilsec/vigil/internal/command/dataset"
	"github.com/vigilsec/vigil/internal/command/detect"
	"github.com/vigilsec/vigil/internal/ml/metrics"
)

// Outcome is the detector's answer on one labelled command.
type Outcome struct {
	True, Pred int
	Model      int        // Tier 1's argmax alone, without the router
	Confidence float64    // the verdict's confidence
	Probs      [3]float64 // Tier 1's calibrated probabilities
	Reason     string
	// BenignDoc marks Benign rows of the documentation sources (tldr,
	// nl2bash): the benign false-positive probe.
	BenignDoc bool
	Source    string
	Command   string
	Rules     []string
}

// Tier1Eval holds the three-class metrics, each with a 95% bootstrap CI.
type Tier1Eval struct {
	N            int                `json:"n"`
	Accuracy     metrics.Interval   `json:"accuracy"`
	MacroF1      metrics.Interval   `json:"macro_f1"`
	PerClass     []ClassEval        `json:"per_class"`
	Confusion    [][]int            `json:"confusion"`
	ROCAUC       metrics.Interval   `json:"roc_auc_macro_ovr"`
	NonBenignAUC metrics.Interval   `json:"roc_auc_non_benign"`
	ECE          metrics.Interval   `json:"ece"`
	BenignFPR    metrics.Interval   `json:"benign_fpr_docs"`
	BenignDocs   int                `json:"benign_docs"`
	ModelMacroF1 metrics.Interval   `json:"model_only_macro_f1"`
	RouterGain   metrics.Paired     `json:"router_minus_model_macro_f1"`
	Reasons      map[string]int     `json:"reasons"`
	BySource     map[string]Sourced `json:"by_source"`
}

// ClassEval is one class's one-vs-rest scores.
type ClassEval struct {
	Label     string           `json:"label"`
	Precision metrics.Interval `json:"precision"`
	Recall    metrics.Interval `json:"recall"`
	F1        metrics.Interval `json:"f1"`
	Support   int              `json:"support"`
}

// Sourced is the accuracy on one source's rows.
type Sourced struct {
	N        int     `json:"n"`
	Accuracy float64 `json:"accuracy"`
}

// Bootstrap is the resampling used for every interval.
var Bootstrap = metrics.BootstrapConfig{Resamples: 1000, Level: 0.95, Seed: 7}

// EvaluateTier1 computes the metrics of outcomes.
func EvaluateTier1(out []Outcome) (*Tier1Eval, error) {
	n := len(out)
	y, pred, model := make([]int, n), make([]int, n), make([]int, n)
	probs := make([][]float64, n)
	e := &Tier1Eval{N: n, Reasons: map[string]int{}, BySource: map[string]Sourced{}}
	for i, o := range out {
		y[i], pred[i], model[i], probs[i] = o.True, o.Pred, o.Model, o.Probs[:]
		e.Reasons[o.Reason]++
		s := e.BySource[o.Source]
		s.N++
		if o.True == o.Pred {
			s.Accuracy++
		}
		e.BySource[o.Source] = s
	}
	for k, s := range e.BySource {
		s.Accuracy /= float64(s.N)
		e.BySource[k] = s
	}
	e.Confusion = metrics.Confusion(y, pred, 3)
	b := bootstrapper{n: n}
	e.Accuracy = b.run(metrics.OnLabels(y, pred, metrics.Accuracy))
	macro := func(yt, yp []int) float64 { return metrics.MacroF1(yt, yp, 3) }
	e.MacroF1 = b.run(metrics.OnLabels(y, pred, macro))
	e.ModelMacroF1 = b.run(metrics.OnLabels(y, model, macro))
	e.RouterGain, b.err = metrics.PairedBootstrap(n, metrics.OnLabels(y, pred, macro), metrics.OnLabels(y, model, macro), Bootstrap)
	e.PerClass = b.perClass(y, pred)
	e.ROCAUC = b.run(metrics.OnScores(y, probs, func(yt []int, s [][]float64) float64 {
		v, _ := metrics.OneVsRest(metrics.ROCAUC, yt, s)
		return v
	}))
	e.NonBenignAUC = b.run(nonBenignAUC(y, probs))
	e.ECE = b.run(verdictECE(out))
	e.BenignFPR, e.BenignDocs = b.run(benignFPR(out)), countDocs(out)
	return e, b.err
}

// bootstrapper runs intervals and keeps the first error.
type bootstrapper struct {
	n   int
	err error
}

func (b *bootstrapper) run(f metrics.MetricFunc) metrics.Interval {
	iv, err := metrics.Bootstrap(b.n, f, Bootstrap)
	if err != nil && b.err == nil {
		b.err = err
	}
	return iv
}

func (b *bootstrapper) perClass(y, pred []int) []ClassEval {
	cm := metrics.PerClass(metrics.Confusion(y, pred, 3))
	out := make([]ClassEval, 3)
	for c := range 3 {
		get := func(f func(metrics.ClassScores) float64) metrics.Interval {
			return b.run(metrics.OnLabels(y, pred, func(yt, yp []int) float64 {
				return f(metrics.PerClass(metrics.Confusion(yt, yp, 3))[c])
			}))
		}
		out[c] = ClassEval{
			Label:     detect.Labels[c],
			Precision: get(func(s metrics.ClassScores) float64 { return s.Precision }),
			Recall:    get(func(s metrics.ClassScores) float64 { return s.Recall }),
			F1:        get(func(s metrics.ClassScores) float64 { return s.F1 }),
			Support:   cm[c].Support,
		}
	}
	return out
}

func nonBenignAUC(y []int, probs [][]float64) metrics.MetricFunc {
	return func(idx []int) float64 {
		pos, s := make([]bool, len(idx)), make([]float64, len(idx))
		for j, i := range idx {
			pos[j], s[j] = y[i] != int(dataset.Benign), 1-probs[i][dataset.Benign]
		}
		return metrics.ROCAUC(pos, s)
	}
}

// verdictECE is the expected calibration error of the final verdicts'
// confidences (15 equal-width bins).
func verdictECE(out []Outcome) metrics.MetricFunc {
	return func(idx []int) float64 {
		var conf, acc [metrics.ECEBins]float64
		var cnt [metrics.ECEBins]int
		for _, i := range idx {
			o := out[i]
			b := min(int(o.Confidence*metrics.ECEBins), metrics.ECEBins-1)
			conf[b] += o.Confidence
			if o.Pred == o.True {
				acc[b]++
			}
			cnt[b]++
		}
		e := 0.0
		for b := range cnt {
			if cnt[b] > 0 {
				e += math.Abs(acc[b]-conf[b]) / float64(len(idx))
			}
		}
		return e
	}
}

// benignFPR is the share of Benign documentation commands labelled
// anything else.
func benignFPR(out []Outcome) metrics.MetricFunc {
	return func(idx []int) float64 {
		n, fp := 0, 0
		for _, i := range idx {
			if out[i].BenignDoc {
				n++
				if out[i].Pred != int(dataset.Benign) {
					fp++
				}
			}
		}
		if n == 0 {
			return math.NaN()
		}
		return float64(fp) / float64(n)
	}
}

func countDocs(out []Outcome) int {
	n := 0
	for _, o := range out {
		if o.BenignDoc {
			n++
		}
	}
	return n
}
