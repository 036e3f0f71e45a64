package training

import (
	"fmt"
	"math"

	"github.com/vigilsec/vigil/internal/httpreq/dataset"
	"github.com/vigilsec/vigil/internal/httpreq/detect"
	"github.com/vigilsec/vigil/internal/ml/linear"
	"github.com/vigilsec/vigil/internal/ml/metrics"
	"github.com/vigilsec/vigil/internal/ml/split"
	"github.com/vigilsec/vigil/internal/ml/vec"
)

// TypeResult is the trained attack-type model and its validation scores.
type TypeResult struct {
	Model  *linear.Model
	Report linear.Report
	Eval   *TypeEval
}

// TypeEval scores the type model on its validation part (15%, stratified
// by type). Rows come from generated payload lists, so near-duplicates
// across the split flatter these numbers; the CSIC agreement below is the
// harder check.
type TypeEval struct {
	N        int                 `json:"n"`
	Accuracy metrics.Interval    `json:"accuracy"`
	MacroF1  metrics.Interval    `json:"macro_f1"`
	PerClass map[string]TypeStat `json:"per_class"`
	// CSICAgreement is the share of held-out CSIC attacks with an injection
	// guess (sqli, xss, crlf, ssi) whose verdict names the same type.
	CSICAgreement *metrics.Interval `json:"csic_agreement,omitempty"`
	CSICTyped     int               `json:"csic_typed"`
}

// TypeStat is one class's validation scores.
type TypeStat struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	Support   int     `json:"support"`
}

// trainType trains the type model on typed fragments and on CSIC
// training attacks, each reduced to the part the binary model finds most
// suspicious (for fragments that is the fragment).
func trainType(rows []Row, bin *detect.Detector, cfg Config, prog Progress) (*TypeResult, error) {
	texts := make([]Row, len(rows))
	forEach(len(rows), "type parts", prog, func(_, i int) {
		r := rows[i]
		if _, top := bin.PartScores(r.Res); top >= 0 {
			one := detect.PartResult(r.Res, top)
			r.Res, r.Text = one, detect.TypeText(one)
		}
		texts[i] = r
	})
	X, err := vectorize(texts, detect.TypeSchema, prog)
	if err != nil {
		return nil, err
	}
	y := make([]int, len(rows))
	for i, r := range rows {
		if y[i] = dataset.TypeIndex(r.Type); y[i] < 0 {
			return nil, fmt.Errorf("row of unknown type %q", r.Type)
		}
	}
	parts, err := split.Stratified(y, split.Fractions{Train: 0.85, Val: 0.15}, cfg.Seed)
	if err != nil {
		return nil, fmt.Errorf("type split: %w", err)
	}
	k := len(dataset.Types)
	lc := cfg.Type
	lc.Balanced, lc.ClassWeights = false, sqrtBalanced(y, parts.Train, k)
	m, rep, err := fitLinear(X, y, parts, k, detect.TypeSchema.Dim(), lc, cfg, "type")
	if err != nil {
		return nil, err
	}
	ev, err := evalType(m, pick(X, parts.Val), pick(y, parts.Val))
	return &TypeResult{Model: m, Report: rep, Eval: ev}, err
}

func evalType(m *linear.Model, X []vec.Sparse, y []int) (*TypeEval, error) {
	k := len(dataset.Types)
	pred := m.Evaluate(linear.Dataset{X: X, Y: y})
	e := &TypeEval{N: len(y), PerClass: map[string]TypeStat{}}
	var err error
	if e.Accuracy, err = metrics.Bootstrap(len(y), metrics.OnLabels(y, pred, metrics.Accuracy), Bootstrap); err != nil {
		return nil, err
	}
	macro := func(yt, yp []int) float64 { return metrics.MacroF1(yt, yp, k) }
	if e.MacroF1, err = metrics.Bootstrap(len(y), metrics.OnLabels(y, pred, macro), Bootstrap); err != nil {
		return nil, err
	}
	for c, s := range metrics.PerClass(metrics.Confusion(y, pred, k)) {
		if s.Support > 0 {
			e.PerClass[dataset.Types[c]] = TypeStat{Precision: s.Precision, Recall: s.Recall, F1: s.F1, Support: s.Support}
		}
	}
	return e, nil
}

// sqrtBalanced weights class c by sqrt(n/(K·n_c)) over the training rows:
// half-way between unweighted and balanced, so a type with a dozen rows is
// heard without being predicted for everything that resembles it.
func sqrtBalanced(y, idx []int, k int) []float64 {
	n := make([]float64, k)
	for _, i := range idx {
		n[y[i]]++
	}
	w := make([]float64, k)
	for c := range w {
		w[c] = math.Sqrt(float64(len(idx)) / (float64(k) * max(n[c], 1)))
	}
	return w
}
