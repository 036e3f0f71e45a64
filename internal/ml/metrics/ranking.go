package metrics

import (
	"math"
	"slices"
)

// ranked pairs a score with its label for sorting.
type ranked struct {
	score float64
	pos   bool
}

func sortDesc(pos []bool, scores []float64) []ranked {
	r := make([]ranked, len(scores))
	for i, s := range scores {
		r[i] = ranked{s, pos[i]}
	}
	slices.SortFunc(r, func(a, b ranked) int { return -cmpFloat(a.score, b.score) })
	return r
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// ROCAUC returns the area under the ROC curve for binary labels: the
// probability that a random positive outscores a random negative, ties
// counting one half (the Mann–Whitney U statistic). NaN when either class
// is missing.
func ROCAUC(pos []bool, scores []float64) float64 {
	r := sortDesc(pos, scores)
	var nPos, nNeg, u float64
	for i := 0; i < len(r); {
		j, p, n := i, 0.0, 0.0
		for ; j < len(r) && r[j].score == r[i].score; j++ {
			if r[j].pos {
				p++
			} else {
				n++
			}
		}
		// Each negative here is beaten by every positive ranked above it
		// and half-beaten by the positives tied with it.
		u += n * (nPos + p/2)
		nPos += p
		nNeg += n
		i = j
	}
	if nPos == 0 || nNeg == 0 {
		return math.NaN()
	}
	return u / (nPos * nNeg)
}

// AveragePrecision is the area under the precision–recall curve computed as
// Σ (R_i − R_{i−1}) P_i over distinct score thresholds, as scikit-learn's
// average_precision_score does (no interpolation). NaN with no positives.
func AveragePrecision(pos []bool, scores []float64) float64 {
	r := sortDesc(pos, scores)
	total := 0.0
	for _, x := range r {
		if x.pos {
			total++
		}
	}
	if total == 0 {
		return math.NaN()
	}
	var tp, fp, ap, prevRecall float64
	for i := 0; i < len(r); {
		j := i
		for ; j < len(r) && r[j].score == r[i].score; j++ {
			if r[j].pos {
				tp++
			} else {
				fp++
			}
		}
		recall := tp / total
		ap += (recall - prevRecall) * tp / (tp + fp)
		prevRecall = recall
		i = j
	}
	return ap
}

// OneVsRest applies a binary ranking metric (ROCAUC, AveragePrecision) to
// each class against the rest, using column c of scores for class c. It
// returns the macro average over classes where the metric is defined and the
// per-class values (NaN where undefined).
func OneVsRest(metric func([]bool, []float64) float64, yTrue []int, scores [][]float64) (float64, []float64) {
	if len(scores) == 0 {
		return math.NaN(), nil
	}
	k := len(scores[0])
	per := make([]float64, k)
	pos, col := make([]bool, len(yTrue)), make([]float64, len(yTrue))
	sum, n := 0.0, 0
	for c := range k {
		for i, y := range yTrue {
			pos[i], col[i] = y == c, scores[i][c]
		}
		per[c] = metric(pos, col)
		if !math.IsNaN(per[c]) {
			sum += per[c]
			n++
		}
	}
	if n == 0 {
		return math.NaN(), per
	}
	return sum / float64(n), per
}
