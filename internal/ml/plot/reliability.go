package plot

import (
	"fmt"
	"image/color"
	"io"
	"math"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg/draw"

	"github.com/vigilsec/vigil/internal/ml/metrics"
)

// Bin is one equal-width confidence bin of a reliability diagram.
type Bin struct {
	Lo, Hi     float64 // confidence range of the bin
	Count      int
	Confidence float64 // mean confidence of its examples (0 when empty)
	Accuracy   float64 // share of its examples predicted correctly (0 when empty)
}

// CalibrationBins sorts examples into bins equal-width confidence bins the
// way metrics.ECE does: an example's confidence is its largest probability,
// it is correct when that class is the true one, and confidence 1 falls in
// the top bin. Empty bins are kept, with Count 0.
func CalibrationBins(yTrue []int, probs [][]float64, bins int) ([]Bin, error) {
	if err := checkProbs(yTrue, probs, bins); err != nil {
		return nil, err
	}
	out := make([]Bin, bins)
	for b := range out {
		out[b].Lo, out[b].Hi = float64(b)/float64(bins), float64(b+1)/float64(bins)
	}
	for i, p := range probs {
		c := metrics.Argmax(p)
		b := &out[min(int(p[c]*float64(bins)), bins-1)]
		b.Count++
		b.Confidence += p[c]
		if c == yTrue[i] {
			b.Accuracy++
		}
	}
	for b := range out {
		if n := float64(out[b].Count); n > 0 {
			out[b].Confidence /= n
			out[b].Accuracy /= n
		}
	}
	return out, nil
}

func checkProbs(yTrue []int, probs [][]float64, bins int) error {
	if len(yTrue) != len(probs) {
		return fmt.Errorf("plot: %d labels but %d probability rows", len(yTrue), len(probs))
	}
	if len(yTrue) == 0 {
		return ErrEmpty
	}
	if bins <= 0 {
		return fmt.Errorf("plot: %d calibration bins", bins)
	}
	for i, p := range probs {
		if len(p) == 0 {
			return fmt.Errorf("plot: probability row %d is empty", i)
		}
		for _, v := range p {
			if !(v >= 0 && v <= 1) {
				return fmt.Errorf("plot: probability row %d has %v outside [0, 1]", i, v)
			}
		}
	}
	return nil
}

// binsECE is the expected calibration error of bins, equal to metrics.ECE
// on the examples they were built from.
func binsECE(bins []Bin) float64 {
	n, sum := 0, 0.0
	for _, b := range bins {
		n += b.Count
		sum += float64(b.Count) * math.Abs(b.Accuracy-b.Confidence)
	}
	if n == 0 {
		return math.NaN()
	}
	return sum / float64(n)
}

// Reliability draws a reliability diagram: the accuracy of each bin as a
// shaded column over its confidence range, the mean confidence against the
// accuracy of each non-empty bin as a line, the diagonal of perfect
// calibration, and the ECE in the title.
func Reliability(w io.Writer, title string, bins []Bin) error {
	xys, err := binPoints(bins)
	if err != nil {
		return fmt.Errorf("reliability: %w", err)
	}
	p := unitPlot(fmt.Sprintf("%s (ECE = %.3f)", title, binsECE(bins)), "Confidence", "Accuracy")
	p.Legend.Top, p.Legend.Left = true, true
	for _, b := range bins {
		if b.Count > 0 {
			p.Add(column(b))
		}
	}
	line, dots, err := plotter.NewLinePoints(xys)
	if err != nil {
		return fmt.Errorf("reliability: %w", err)
	}
	line.Color, dots.Color, dots.Shape = modelColor, modelColor, draw.CircleGlyph{}
	diag := diagonal()
	p.Add(diag, line, dots)
	p.Legend.Add("model", line, dots)
	p.Legend.Add("accuracy per bin", column(Bin{Hi: 1, Accuracy: 1}))
	p.Legend.Add("perfect calibration", diag)
	return render(w, p, width, height)
}

var (
	modelColor  = color.RGBA{R: 200, G: 40, B: 40, A: 255}
	columnColor = color.RGBA{R: 120, G: 160, B: 220, A: 255}
)

func binPoints(bins []Bin) (plotter.XYs, error) {
	var xys plotter.XYs
	for i, b := range bins {
		if b.Count < 0 || !finite(b.Lo, b.Hi, b.Confidence, b.Accuracy) {
			return nil, fmt.Errorf("bin %d is invalid", i)
		}
		if b.Count > 0 {
			xys = append(xys, plotter.XY{X: b.Confidence, Y: b.Accuracy})
		}
	}
	if len(xys) == 0 {
		return nil, ErrEmpty
	}
	return xys, nil
}

// column is the shaded rectangle of one bin's accuracy. binPoints has
// checked that its corners are finite, the only error NewPolygon reports.
func column(b Bin) *plotter.Polygon {
	poly, _ := plotter.NewPolygon(plotter.XYs{{X: b.Lo, Y: 0}, {X: b.Hi, Y: 0}, {X: b.Hi, Y: b.Accuracy}, {X: b.Lo, Y: b.Accuracy}})
	poly.Color = columnColor
	poly.LineStyle.Color = color.White
	return poly
}
