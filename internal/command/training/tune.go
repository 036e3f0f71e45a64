package training

import (
	"github.com/vigilsec/vigil/internal/command/dataset"
	"github.com/vigilsec/vigil/internal/command/detect"
	"github.com/vigilsec/vigil/internal/command/rules"
	"github.com/vigilsec/vigil/internal/ml/metrics"
)

// maxValBenignFPR is the benign false-positive rate on the validation
// part's documentation commands that tuned thresholds may not exceed.
const maxValBenignFPR = 0.01

// routed is what the router needs from one validation row.
type routed struct {
	p    []float32
	hits []rules.Hit
	y    int
	doc  bool
}

// TuneThresholds picks the router thresholds that maximise macro-F1 on
// the validation rows while keeping the benign false-positive rate of
// their documentation commands under 1% (or, when no setting reaches
// that, with the lowest rate). It searches a small grid.
func TuneThresholds(rows []routed) detect.Thresholds {
	best, bestF1 := detect.DefaultThresholds(), -1.0
	fallback, fallbackFPR := best, 2.0
	for _, mal := range []float64{0.4, 0.5, 0.6, 0.7, 0.78, 0.85, 0.9} {
		for _, margin := range []float64{0, 0.12} {
			for _, sus := range []float64{0.4, 0.5, 0.6, 0.7, 0.8, 0.9} {
				for _, ben := range []float64{0.52, 0.7} {
					for _, unc := range []float64{0, 0.7, 0.8, 0.9, 0.95} {
						t := detect.DefaultThresholds()
						t.Malicious, t.Margin, t.Suspicious, t.Benign, t.Uncorroborated = mal, margin, sus, ben, unc
						f1, fpr := score(rows, t)
						if fpr <= maxValBenignFPR && f1 > bestF1+1e-9 {
							best, bestF1 = t, f1
						}
						if fpr < fallbackFPR {
							fallback, fallbackFPR = t, fpr
						}
					}
				}
			}
		}
	}
	if bestF1 < 0 {
		return fallback // no setting meets the FPR bound: the lowest FPR
	}
	return best
}

func score(rows []routed, t detect.Thresholds) (macroF1, fpr float64) {
	r := detect.Router{T: t}
	y, pred := make([]int, len(rows)), make([]int, len(rows))
	docs, fp := 0, 0
	for i, row := range rows {
		y[i], pred[i] = row.y, r.Route(row.p, row.hits).Class
		if row.doc {
			docs++
			if pred[i] != int(dataset.Benign) {
				fp++
			}
		}
	}
	return metrics.MacroF1(y, pred, 3), float64(fp) / float64(max(docs, 1))
}
