package training

import (
	"fmt"

	"github.com/vigilsec/vigil/internal/httpreq/dataset"
	"github.com/vigilsec/vigil/internal/httpreq/detect"
	"github.com/vigilsec/vigil/internal/ml/linear"
	"github.com/vigilsec/vigil/internal/ml/metrics"
	"github.com/vigilsec/vigil/internal/ml/split"
	"github.com/vigilsec/vigil/internal/ml/vec"
)

// crossRows caps the attack (and the source's own normal) rows of one
// cross-dataset test set.
const crossRows = 5000

// Cross is the cross-dataset figure for one source: a linear model trained
// on the pool without it, evaluated on its rows (attacks, and its own
// normal rows when it has some not cut from CSIC) plus the held-out CSIC
// normal requests.
type Cross struct {
	Source string   `json:"source"`
	Test   string   `json:"test"`
	Held   *Figures `json:"trained_without"`
	// SourceFPR is the false-positive rate on the source's own normal rows.
	SourceFPR *metrics.Interval `json:"source_fpr,omitempty"`
	// Shipped is the shipped detector on the same rows, for contrast: it
	// trained on (a sample of) this source.
	Shipped *Figures `json:"shipped"`
}

// crossDataset runs the cross-dataset evaluation for every source in
// cfg.Cross.
func crossDataset(all []dataset.Example, pool []Row, X []vec.Sparse, parts split.Parts, heldOut []Row, det *detect.Detector, cfg Config, prog Progress) ([]Cross, error) {
	var out []Cross
	for _, src := range cfg.Cross {
		c, err := crossOne(src, all, pool, X, parts, heldOut, det, cfg, prog)
		if err != nil {
			return nil, fmt.Errorf("cross-dataset %s: %w", src, err)
		}
		out = append(out, *c)
	}
	return out, nil
}

func crossOne(src string, all []dataset.Example, pool []Row, X []vec.Sparse, parts split.Parts, heldOut []Row, det *detect.Detector, cfg Config, prog Progress) (*Cross, error) {
	keep := func(idx []int) []int {
		var out []int
		for _, i := range idx {
			s := pool[i].Source
			if s != src && pool[i].Origin != src && !(src == dataset.CSIC && s == dataset.CSICValues) {
				out = append(out, i)
			}
		}
		return out
	}
	sub := split.Parts{Train: keep(parts.Train), Val: keep(parts.Val)}
	lc := cfg
	lc.Epochs = nil
	m, _, err := fitLinear(X, labels(pool), sub, 2, detect.BinarySchema.Dim(), cfg.Binary, lc, "cross "+src)
	if err != nil {
		return nil, err
	}
	test, desc := crossTest(src, all, heldOut, cfg, prog)
	Xt, err := vectorize(test, detect.BinarySchema, prog)
	if err != nil {
		return nil, err
	}
	th := crossThreshold(src, m, pool, X, sub.Val, cfg)
	y, s, shipped := labels(test), make([]float64, len(test)), make([]float64, len(test))
	p := make([]float32, 2)
	for i := range test {
		s[i] = float64(m.Proba(Xt[i], p)[1])
		shipped[i] = det.Proba(test[i].Req).Combined
	}
	c := &Cross{Source: src, Test: desc}
	if c.Held, err = figures(y, s, th); err != nil {
		return nil, err
	}
	if c.Shipped, err = figures(y, shipped, det.Models().Combine.Threshold); err != nil {
		return nil, err
	}
	c.SourceFPR = sourceFPR(test, s, th, src)
	return c, nil
}

// crossTest builds the test rows: CSIC's held-out bucket for CSIC, else
// the source's attacks and own normal rows with CSIC's held-out normals.
func crossTest(src string, all []dataset.Example, heldOut []Row, cfg Config, prog Progress) ([]Row, string) {
	if src == dataset.CSIC {
		return heldOut, "CSIC 2010 held-out bucket"
	}
	ex := dataset.SourceRows(all, src, dataset.Attack, cfg.Pool.PerType, crossRows, cfg.Seed)
	desc := fmt.Sprintf("%d %s attacks", len(ex), src)
	if src == dataset.DeepXSS || src == dataset.KaggleXSS {
		own := dataset.SourceRows(all, src, dataset.Normal, 0, crossRows, cfg.Seed)
		ex = append(ex, own...)
		desc += fmt.Sprintf(" + %d %s normal", len(own), src)
	}
	rows := prepare(ex, prog)
	n := 0
	for _, r := range heldOut {
		if r.Label == dataset.Normal {
			rows = append(rows, r)
			n++
		}
	}
	return rows, desc + fmt.Sprintf(" + %d held-out CSIC normal", n)
}

// crossThreshold tunes the threshold on the remaining CSIC validation rows
// (0.5, the calibrated default, when CSIC itself is left out).
func crossThreshold(src string, m *linear.Model, pool []Row, X []vec.Sparse, val []int, cfg Config) float64 {
	if src == dataset.CSIC {
		return 0.5
	}
	var y []int
	var s []float64
	p := make([]float32, 2)
	for _, i := range val {
		if pool[i].Source == dataset.CSIC {
			y, s = append(y, pool[i].Label), append(s, float64(m.Proba(X[i], p)[1]))
		}
	}
	return bestThreshold(y, s, cfg.MaxFPR).Threshold
}

func sourceFPR(test []Row, s []float64, th float64, src string) *metrics.Interval {
	var pred []int
	for i, r := range test {
		if r.Source == src && r.Label == dataset.Normal {
			pred = append(pred, boolInt(s[i] >= th))
		}
	}
	if len(pred) == 0 {
		return nil
	}
	iv, err := metrics.Bootstrap(len(pred), func(idx []int) float64 {
		fp := 0
		for _, i := range idx {
			fp += pred[i]
		}
		return float64(fp) / float64(len(idx))
	}, Bootstrap)
	if err != nil {
		return nil
	}
	return &iv
}
