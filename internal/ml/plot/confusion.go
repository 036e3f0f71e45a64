package plot

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"strconv"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Confusion draws the confusion matrix cm (cm[t][p] counts examples of true
// class t predicted as p, as metrics.Confusion returns it) as a heatmap with
// the class names on the axes and the count in every cell. A cell's shade is
// its share of the true class's row (its recall for the diagonal), so rare
// classes stay readable next to a dominant benign class.
func Confusion(w io.Writer, title string, classes []string, cm [][]int) error {
	g, err := newConfusionGrid(classes, cm)
	if err != nil {
		return fmt.Errorf("confusion: %w", err)
	}
	heat := plotter.NewHeatMap(g, blues(256))
	heat.Min, heat.Max = 0, 1
	labels, err := cellLabels(g)
	if err != nil {
		return fmt.Errorf("confusion: %w", err)
	}
	p := newPlot(title)
	p.X.Label.Text, p.Y.Label.Text = "Predicted class", "True class"
	p.Add(heat, labels)
	nameAxes(p, classes)
	side := max(height, vg.Length(40*len(classes)+160)) // square cells
	return render(w, p, side, side)
}

// confusionGrid is cm as a plotter.GridXYZ: column c is predicted class c,
// grid row r is true class k−1−r so that the first class is at the top.
type confusionGrid struct {
	cm   [][]int
	rows []int // per-class row totals
}

func newConfusionGrid(classes []string, cm [][]int) (confusionGrid, error) {
	k := len(classes)
	if k == 0 {
		return confusionGrid{}, ErrEmpty
	}
	if len(cm) != k {
		return confusionGrid{}, fmt.Errorf("%d classes but %d matrix rows", k, len(cm))
	}
	g := confusionGrid{cm: cm, rows: make([]int, k)}
	for t, row := range cm {
		if len(row) != k {
			return confusionGrid{}, fmt.Errorf("matrix row %d has %d columns, want %d", t, len(row), k)
		}
		for _, n := range row {
			if n < 0 {
				return confusionGrid{}, fmt.Errorf("matrix row %d has negative count %d", t, n)
			}
			g.rows[t] += n
		}
	}
	return g, nil
}

func (g confusionGrid) Dims() (c, r int)   { return len(g.cm), len(g.cm) }
func (g confusionGrid) X(c int) float64    { return float64(c) }
func (g confusionGrid) Y(r int) float64    { return float64(r) }
func (g confusionGrid) count(c, r int) int { return g.cm[len(g.cm)-1-r][c] }

// Z is the cell's share of its true-class row (0 for an empty row).
func (g confusionGrid) Z(c, r int) float64 {
	total := g.rows[len(g.cm)-1-r]
	if total == 0 {
		return 0
	}
	return float64(g.count(c, r)) / float64(total)
}

// cellLabels writes each count centred in its cell, white on dark shades.
func cellLabels(g confusionGrid) (*plotter.Labels, error) {
	k, _ := g.Dims()
	xyl := plotter.XYLabels{}
	var dark []bool
	for r := range k {
		for c := range k {
			xyl.XYs = append(xyl.XYs, plotter.XY{X: g.X(c), Y: g.Y(r)})
			xyl.Labels = append(xyl.Labels, strconv.Itoa(g.count(c, r)))
			dark = append(dark, g.Z(c, r) > 0.55)
		}
	}
	labels, err := plotter.NewLabels(xyl)
	if err != nil {
		return nil, err
	}
	for i := range labels.TextStyle {
		labels.TextStyle[i].XAlign, labels.TextStyle[i].YAlign = draw.XCenter, draw.YCenter
		if dark[i] {
			labels.TextStyle[i].Color = color.White
		}
	}
	return labels, nil
}

// nameAxes puts the class names on both axes, the first class at the top.
func nameAxes(p *gplot.Plot, classes []string) {
	k := len(classes)
	reversed := make([]string, k)
	for i, name := range classes {
		reversed[k-1-i] = name
	}
	nominalX(p, classes)
	p.NominalY(reversed...)
}

// blues is a white-to-dark-blue palette of n colours.
type blues int

func (n blues) Colors() []color.Color {
	cs := make([]color.Color, n)
	for i := range cs {
		t := float64(i) / float64(n-1)
		cs[i] = color.RGBA{R: lerp(247, 8, t), G: lerp(251, 48, t), B: lerp(255, 107, t), A: 255}
	}
	return cs
}

func lerp(a, b, t float64) uint8 { return uint8(math.Round(a + (b-a)*t)) }
