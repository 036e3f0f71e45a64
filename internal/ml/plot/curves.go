package plot

import (
	"fmt"
	"io"
	"math"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
)

// Curve is one named curve of a ROC or precision–recall figure.
type Curve struct {
	Name   string
	Points []Point
	// Area is the AUC (ROC) or average precision (PR) shown in the legend;
	// NaN leaves it out.
	Area float64
}

// ROC draws ROC curves (false positive rate against true positive rate) with
// their AUC in the legend and the diagonal of a chance classifier.
func ROC(w io.Writer, title string, curves []Curve) error {
	p := unitPlot(title, "False positive rate", "True positive rate")
	p.Add(diagonal())
	p.Legend.Top = false // curves hug the top-left corner
	if err := addCurves(p, curves, "AUC", plotter.NoStep); err != nil {
		return fmt.Errorf("roc: %w", err)
	}
	return render(w, p, width, height)
}

// PR draws precision–recall curves with their average precision in the
// legend. Each curve is drawn as the step whose area is its average
// precision.
func PR(w io.Writer, title string, curves []Curve) error {
	p := unitPlot(title, "Recall", "Precision")
	p.Y.Max = 1.02 // keep the precision-1 start visible above the frame
	p.Legend.Top, p.Legend.Left = false, true
	if err := addCurves(p, curves, "AP", plotter.PreStep); err != nil {
		return fmt.Errorf("pr: %w", err)
	}
	return render(w, p, width, height)
}

func addCurves(p *gplot.Plot, curves []Curve, area string, step plotter.StepKind) error {
	if len(curves) == 0 {
		return ErrEmpty
	}
	for i, c := range curves {
		line, err := curveLine(c, step)
		if err != nil {
			return fmt.Errorf("curve %q: %w", c.Name, err)
		}
		line.Color = plotutil.Color(i)
		line.Dashes = plotutil.Dashes(i)
		p.Add(line)
		p.Legend.Add(legendLabel(c, area), line)
	}
	return nil
}

func curveLine(c Curve, step plotter.StepKind) (*plotter.Line, error) {
	if len(c.Points) == 0 {
		return nil, ErrEmpty
	}
	xys := make(plotter.XYs, len(c.Points))
	for i, pt := range c.Points {
		if !finite(pt.X, pt.Y) {
			return nil, fmt.Errorf("point %d is not finite", i)
		}
		xys[i].X, xys[i].Y = pt.X, pt.Y
	}
	line, err := plotter.NewLine(xys)
	if err != nil {
		return nil, err
	}
	line.StepStyle = step
	line.Width = vg.Points(1.5)
	return line, nil
}

func legendLabel(c Curve, area string) string {
	if math.IsNaN(c.Area) {
		return c.Name
	}
	if c.Name == "" {
		return fmt.Sprintf("%s = %.3f", area, c.Area)
	}
	return fmt.Sprintf("%s (%s = %.3f)", c.Name, area, c.Area)
}
