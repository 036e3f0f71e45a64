package plot

import (
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"os"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// Figures are 640×480 pixels: vgimg renders at 96 dpi and a vg.Length is a
// point (1/72 inch).
const (
	width  vg.Length = 480
	height vg.Length = 360
)

var gray = color.Gray{Y: 128}

// ErrEmpty is returned when a figure has nothing to draw.
var ErrEmpty = errors.New("plot: no data")

// SavePNG creates the file at path and writes the figure that draw renders
// into it, for example:
//
//	err := plot.SavePNG("roc.png", func(w io.Writer) error {
//		return plot.ROC(w, "Command detector", curves)
//	})
//
// A partial file is removed when drawing or writing fails.
func SavePNG(path string, draw func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("save png: %w", err)
	}
	err = draw(f)
	if cerr := f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("save png %q: %w", path, cerr)
	}
	if err != nil {
		_ = os.Remove(path)
	}
	return err
}

// render draws p on a w×h canvas and writes it to out as PNG. gonum/plot
// panics on some degenerate input; the panic is turned into an error.
func render(out io.Writer, p *gplot.Plot, w, h vg.Length) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("draw plot: %v", r)
		}
	}()
	c := vgimg.PngCanvas{Canvas: vgimg.New(w, h)}
	p.Draw(draw.New(c))
	if _, err := c.WriteTo(out); err != nil {
		return fmt.Errorf("write png: %w", err)
	}
	return nil
}

// unitPlot returns a plot with both axes fixed to [0, 1].
func unitPlot(title, xLabel, yLabel string) *gplot.Plot {
	p := newPlot(title)
	p.X.Label.Text, p.Y.Label.Text = xLabel, yLabel
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1
	p.Add(plotter.NewGrid())
	return p
}

// newPlot returns an empty plot with a title set clear of the frame.
func newPlot(title string) *gplot.Plot {
	p := gplot.New()
	p.Title.Text = title
	p.Title.Padding = vg.Points(6)
	return p
}

// diagonal returns the dashed y = x reference line.
func diagonal() *plotter.Function {
	f := plotter.NewFunction(func(x float64) float64 { return x })
	f.Dashes = []vg.Length{vg.Points(4), vg.Points(4)}
	f.Color = gray
	return f
}

// nominalX names the X positions 0..n−1, slanting the names when there are
// too many to sit side by side.
func nominalX(p *gplot.Plot, names []string) {
	p.NominalX(names...)
	if len(names) > 6 {
		p.X.Tick.Label.Rotation = math.Pi / 4
		p.X.Tick.Label.XAlign, p.X.Tick.Label.YAlign = text.XRight, text.YCenter
	}
}

func finite(vs ...float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}
