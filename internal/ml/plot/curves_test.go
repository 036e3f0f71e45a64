package plot

import (
	"bytes"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/plot/plotutil"
)

func TestROCAndPRDrawEveryCurve(t *testing.T) {
	pos, scores := randomScores(rand.New(rand.NewPCG(3, 4)), 300)
	roc1, _ := ROCCurve("linear", pos, scores)
	roc2, _ := ROCCurve("forest", handPos, handScores)
	pr1, _ := PRCurve("linear", pos, scores)
	pr2, _ := PRCurve("forest", handPos, handScores)
	draws := map[string]func(*bytes.Buffer) error{
		"ROC": func(b *bytes.Buffer) error { return ROC(b, "Command detector", []Curve{roc1, roc2}) },
		"PR":  func(b *bytes.Buffer) error { return PR(b, "Command detector", []Curve{pr1, pr2}) },
	}
	for name, draw := range draws {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := draw(&buf); err != nil {
				t.Fatal(err)
			}
			img := decodePNG(t, buf.Bytes(), 640, 480)
			for i := range 2 {
				if n := countColor(img, plotutil.Color(i)); n < 50 {
					t.Errorf("curve %d colour covers %d pixels, want a drawn line", i, n)
				}
			}
		})
	}
}

func TestCurvesRejectBadInput(t *testing.T) {
	tests := []struct {
		name   string
		curves []Curve
		want   error
	}{
		{"no curves", nil, ErrEmpty},
		{"curve without points", []Curve{{Name: "m"}}, ErrEmpty},
		{"NaN point", []Curve{{Name: "m", Points: []Point{{0, math.NaN()}}}}, errAny},
		{"infinite point", []Curve{{Name: "m", Points: []Point{{math.Inf(1), 0}}}}, errAny},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for fn, draw := range map[string]func(*bytes.Buffer, []Curve) error{
				"ROC": func(b *bytes.Buffer, c []Curve) error { return ROC(b, "t", c) },
				"PR":  func(b *bytes.Buffer, c []Curve) error { return PR(b, "t", c) },
			} {
				var buf bytes.Buffer
				checkErr(t, fn, draw(&buf, tt.curves), tt.want)
				if buf.Len() != 0 {
					t.Errorf("%s wrote %d bytes despite the error", fn, buf.Len())
				}
			}
		})
	}
}

func TestLegendLabel(t *testing.T) {
	tests := []struct {
		name  string
		curve Curve
		want  string
	}{
		{"name and area", Curve{Name: "forest", Area: 0.91234}, "forest (AUC = 0.912)"},
		{"area without name", Curve{Area: 0.5}, "AUC = 0.500"},
		{"NaN area hides the number", Curve{Name: "forest", Area: math.NaN()}, "forest"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := legendLabel(tt.curve, "AUC"); got != tt.want {
				t.Errorf("legendLabel = %q, want %q", got, tt.want)
			}
		})
	}
}
