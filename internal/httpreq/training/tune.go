package training

import (
	"math"
	"slices"

	"github.com/vigilsec/vigil/internal/httpreq/detect"
)

// operating is a threshold and what it achieves on tuning data.
type operating struct {
	Threshold, F1, FPR float64
}

// bestThreshold returns the threshold with the highest F1 among those
// whose false-positive rate is at most maxFPR (labels: 1 attack). The
// threshold lies half-way between two neighbouring distinct scores.
func bestThreshold(y []int, s []float64, maxFPR float64) operating {
	idx := make([]int, len(s))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return cmpDesc(s[a], s[b]) })
	pos, neg := 0, 0
	for _, v := range y {
		if v == 1 {
			pos++
		} else {
			neg++
		}
	}
	best := operating{Threshold: 1, F1: -1}
	tp, fp := 0, 0
	for k, i := range idx {
		if y[i] == 1 {
			tp++
		} else {
			fp++
		}
		if k+1 < len(idx) && s[idx[k+1]] == s[i] {
			continue // ties go together
		}
		fpr := float64(fp) / math.Max(1, float64(neg))
		if fpr > maxFPR {
			break
		}
		f1 := 2 * float64(tp) / math.Max(1, float64(tp+fp+pos))
		if f1 > best.F1 {
			next := 0.0
			if k+1 < len(idx) {
				next = s[idx[k+1]]
			}
			best = operating{Threshold: (s[i] + next) / 2, F1: f1, FPR: fpr}
		}
	}
	best.Threshold = math.Min(math.Max(best.Threshold, 1e-6), 1)
	return best
}

func cmpDesc(a, b float64) int {
	switch {
	case a > b:
		return -1
	case a < b:
		return 1
	}
	return 0
}

// tuneCombine chooses the CNN weight and threshold with the best F1 at
// FPR ≤ maxFPR on validation scores (ties keep more weight on the linear
// model, the cheaper one), then the cascade band outside which the linear
// probability alone gives the same validation verdicts.
func tuneCombine(y []int, pl, pc []float64, maxFPR float64) detect.Combine {
	c := detect.DefaultCombine()
	weights := []float64{1}
	if pc != nil {
		weights = []float64{1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0}
	}
	best := operating{F1: -1}
	for _, w := range weights {
		s := make([]float64, len(pl))
		for i := range s {
			s[i] = w * pl[i]
			if w < 1 {
				s[i] += (1 - w) * pc[i]
			}
		}
		if op := bestThreshold(y, s, maxFPR); op.F1 > best.F1+1e-9 {
			best, c.Weight, c.Threshold = op, w, op.Threshold
		}
	}
	c.CascadeLo, c.CascadeHi = cascadeBand(pl, pc, c)
	return c
}

// cascadeBand returns [lo, hi] such that every validation row with the
// linear probability outside it gets the same verdict from the linear
// probability alone as from the combination, with a margin.
func cascadeBand(pl, pc []float64, c detect.Combine) (float64, float64) {
	if c.Weight >= 1 {
		return 1, 0
	}
	lo, hi := c.Threshold, c.Threshold
	for i := range pl {
		attack := c.Weight*pl[i]+(1-c.Weight)*pc[i] >= c.Threshold
		if attack && pl[i] < lo {
			lo = pl[i]
		}
		if !attack && pl[i] > hi {
			hi = pl[i]
		}
	}
	return lo * 0.5, hi + (1-hi)*0.5
}
