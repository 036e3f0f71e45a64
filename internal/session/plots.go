package session

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/vigilsec/vigil/internal/ml/plot"
)

// writePlots draws the confusion matrix and the ROC curves: each class
// against the rest, and the isolation score as an attack detector.
func (r *Report) writePlots(dir string) error {
	o := r.outcome
	if o == nil {
		return nil
	}
	if err := plot.SavePNG(filepath.Join(dir, "confusion.png"), func(w io.Writer) error {
		return plot.Confusion(w, "Session attack type (held-out part)", Classes[:], r.Confusion)
	}); err != nil {
		return err
	}
	var curves []plot.Curve
	for c, name := range Classes {
		pos, s := make([]bool, len(o.yTrue)), make([]float64, len(o.yTrue))
		for i, t := range o.yTrue {
			pos[i], s[i] = t == c, o.probs[i][c]
		}
		cv, err := plot.ROCCurve(name+" vs rest", pos, s)
		if err != nil {
			return fmt.Errorf("roc %s: %w", name, err)
		}
		curves = append(curves, cv)
	}
	pos := make([]bool, len(o.yTrue))
	for i, t := range o.yTrue {
		pos[i] = t != Normal
	}
	cv, err := plot.ROCCurve("isolation score: attack vs Normal", pos, o.anomaly)
	if err != nil {
		return err
	}
	curves = append(curves, cv)
	return plot.SavePNG(filepath.Join(dir, "roc.png"), func(w io.Writer) error {
		return plot.ROC(w, "Session classifier ROC (held-out part)", curves)
	})
}
