package plot

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"github.com/vigilsec/vigil/internal/ml/metrics"
)

// Point is one point of a curve.
type Point struct{ X, Y float64 }

// ErrOneClass is returned when a curve needs both positives and negatives
// (or at least one positive) and the labels lack them.
var ErrOneClass = errors.New("plot: labels need both classes")

// cut holds the cumulative true and false positives when every example
// scored at or above one distinct threshold is called positive.
type cut struct{ tp, fp int }

// cuts sorts the examples by descending score and returns one cut per
// distinct score, so tied examples always move together, plus the class
// totals.
func cuts(pos []bool, scores []float64) (cs []cut, nPos, nNeg int, err error) {
	if err := checkBinary(pos, scores); err != nil {
		return nil, 0, 0, err
	}
	order := make([]int, len(scores))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return scores[order[a]] > scores[order[b]] })
	var c cut
	for i, idx := range order {
		if pos[idx] {
			c.tp++
		} else {
			c.fp++
		}
		if i == len(order)-1 || scores[order[i+1]] != scores[idx] {
			cs = append(cs, c)
		}
	}
	return cs, c.tp, c.fp, nil
}

func checkBinary(pos []bool, scores []float64) error {
	if len(pos) != len(scores) {
		return fmt.Errorf("plot: %d labels but %d scores", len(pos), len(scores))
	}
	if len(pos) == 0 {
		return ErrEmpty
	}
	for i, s := range scores {
		if math.IsNaN(s) {
			return fmt.Errorf("plot: score %d is NaN", i)
		}
	}
	return nil
}

// ROCPoints returns the ROC curve of scores for the binary labels pos: false
// positive rate (X) against true positive rate (Y), from (0, 0) through one
// point per distinct score threshold to (1, 1). Tied scores form a single
// step, so the straight segments between points enclose exactly
// metrics.ROCAUC.
func ROCPoints(pos []bool, scores []float64) ([]Point, error) {
	cs, nPos, nNeg, err := cuts(pos, scores)
	if err != nil {
		return nil, err
	}
	if nPos == 0 || nNeg == 0 {
		return nil, ErrOneClass
	}
	pts := make([]Point, 0, len(cs)+1)
	pts = append(pts, Point{0, 0})
	for _, c := range cs {
		pts = append(pts, Point{float64(c.fp) / float64(nNeg), float64(c.tp) / float64(nPos)})
	}
	return pts, nil
}

// PRPoints returns the precision–recall curve: recall (X) against precision
// (Y), starting at (0, 1) as scikit-learn does, then one point per distinct
// score threshold in order of increasing recall. Drawn as a step that holds
// each point's precision back to the previous recall, it encloses exactly
// metrics.AveragePrecision.
func PRPoints(pos []bool, scores []float64) ([]Point, error) {
	cs, nPos, _, err := cuts(pos, scores)
	if err != nil {
		return nil, err
	}
	if nPos == 0 {
		return nil, ErrOneClass
	}
	pts := make([]Point, 0, len(cs)+1)
	pts = append(pts, Point{0, 1})
	for _, c := range cs {
		pts = append(pts, Point{float64(c.tp) / float64(nPos), float64(c.tp) / float64(c.tp+c.fp)})
	}
	return pts, nil
}

// ROCCurve computes the named ROC curve of scores with its AUC.
func ROCCurve(name string, pos []bool, scores []float64) (Curve, error) {
	pts, err := ROCPoints(pos, scores)
	if err != nil {
		return Curve{}, fmt.Errorf("roc curve %q: %w", name, err)
	}
	return Curve{Name: name, Points: pts, Area: metrics.ROCAUC(pos, scores)}, nil
}

// PRCurve computes the named precision–recall curve of scores with its
// average precision.
func PRCurve(name string, pos []bool, scores []float64) (Curve, error) {
	pts, err := PRPoints(pos, scores)
	if err != nil {
		return Curve{}, fmt.Errorf("pr curve %q: %w", name, err)
	}
	return Curve{Name: name, Points: pts, Area: metrics.AveragePrecision(pos, scores)}, nil
}
