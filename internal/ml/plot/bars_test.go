package plot

import (
	"bytes"
	"math"
	"testing"
)

func TestBarsDrawsBarsWithIntervals(t *testing.T) {
	tests := []struct {
		name     string
		bars     []Bar
		wantFill int // least pixels of bar colour
	}{
		{"per-class F1", []Bar{
			{"benign", 0.98, 0.97, 0.99}, {"download", 0.81, 0.74, 0.87}, {"revshell", 0.66, 0.51, 0.78},
		}, 10000},
		{"negative values extend the axis", []Bar{{"gain", -0.2, -0.3, 0.1}, {"loss", 0.4, 0.4, 0.4}}, 1000},
		{"all zero", []Bar{{"a", 0, 0, 0}, {"b", 0, 0, 0}}, 0},
		{"many bars slant their names", manyBars(10), 10000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Bars(&buf, "F1 per class", "F1", tt.bars); err != nil {
				t.Fatal(err)
			}
			img := decodePNG(t, buf.Bytes(), 640, 480)
			if n := countColor(img, columnColor); n < tt.wantFill {
				t.Errorf("bars cover %d pixels, want at least %d", n, tt.wantFill)
			}
		})
	}
}

func TestBarsRejectBadInput(t *testing.T) {
	tests := []struct {
		name string
		bars []Bar
		want error
	}{
		{"no bars", nil, ErrEmpty},
		{"value below interval", []Bar{{"a", 0.1, 0.2, 0.3}}, errAny},
		{"value above interval", []Bar{{"a", 0.4, 0.2, 0.3}}, errAny},
		{"NaN bound", []Bar{{"a", 0.4, math.NaN(), 0.5}}, errAny},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			checkErr(t, "Bars", Bars(&buf, "t", "y", tt.bars), tt.want)
		})
	}
}

func manyBars(n int) []Bar {
	bars := make([]Bar, n)
	for i := range bars {
		v := float64(i+1) / float64(n+1)
		bars[i] = Bar{Name: manyNames(n)[i], Value: v, Lo: v - 0.05, Hi: v + 0.05}
	}
	return bars
}
