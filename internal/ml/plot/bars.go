package plot

import (
	"fmt"
	"io"
	"math"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// Bar is one named bar with a confidence interval, such as a class's F1
// with its bootstrap interval. Lo == Hi == Value draws no error bar.
type Bar struct {
	Name          string
	Value, Lo, Hi float64
}

// Bars draws a bar chart of bars in order, each with its [Lo, Hi] interval
// as an error bar.
func Bars(w io.Writer, title, yLabel string, bars []Bar) error {
	if err := checkBars(bars); err != nil {
		return fmt.Errorf("bars: %w", err)
	}
	chart, err := plotter.NewBarChart(barValues(bars), barWidth(len(bars)))
	if err != nil {
		return fmt.Errorf("bars: %w", err)
	}
	chart.Color = columnColor
	errs, err := plotter.NewYErrorBars(barErrors(bars))
	if err != nil {
		return fmt.Errorf("bars: %w", err)
	}
	p := newBarPlot(title, yLabel, bars)
	p.Add(plotter.NewGrid(), chart, errs)
	return render(w, p, width, height)
}

func checkBars(bars []Bar) error {
	if len(bars) == 0 {
		return ErrEmpty
	}
	for _, b := range bars {
		if !finite(b.Value, b.Lo, b.Hi) {
			return fmt.Errorf("bar %q is not finite", b.Name)
		}
		if b.Lo > b.Value || b.Value > b.Hi {
			return fmt.Errorf("bar %q: value %v outside its interval [%v, %v]", b.Name, b.Value, b.Lo, b.Hi)
		}
	}
	return nil
}

func barWidth(n int) vg.Length {
	return max(vg.Points(4), min(vg.Points(40), vg.Points(300/float64(n))))
}

func barValues(bars []Bar) plotter.Values {
	vs := make(plotter.Values, len(bars))
	for i, b := range bars {
		vs[i] = b.Value
	}
	return vs
}

func newBarPlot(title, yLabel string, bars []Bar) *gplot.Plot {
	p := newPlot(title)
	p.Y.Label.Text = yLabel
	names := make([]string, len(bars))
	lo, hi := 0.0, 0.0
	for i, b := range bars {
		names[i], lo, hi = b.Name, math.Min(lo, b.Lo), math.Max(hi, b.Hi)
	}
	// Leave room for the outer bars and the caps of the error bars.
	p.X.Min, p.X.Max = -0.5, float64(len(bars))-0.5
	p.Y.Min, p.Y.Max = lo, hi+0.05*(hi-lo)
	nominalX(p, names)
	return p
}

// barErrors adapts bars to plotter's XYer and YErrorer.
type barErrors []Bar

func (b barErrors) Len() int                      { return len(b) }
func (b barErrors) XY(i int) (x, y float64)       { return float64(i), b[i].Value }
func (b barErrors) YError(i int) (lo, hi float64) { return b[i].Value - b[i].Lo, b[i].Hi - b[i].Value }
