package plot

import (
	"bytes"
	"fmt"
	"image/color"
	"testing"
)

func TestConfusionDrawsHeatmap(t *testing.T) {
	tests := []struct {
		name         string
		classes      []string
		cm           [][]int
		wantW, wantH int
	}{
		{"three classes", []string{"benign", "download", "revshell"},
			[][]int{{900, 8, 2}, {5, 40, 5}, {1, 2, 37}}, 480, 480},
		{"one class", []string{"benign"}, [][]int{{3}}, 480, 480},
		{"a class never seen", []string{"a", "b"}, [][]int{{0, 0}, {4, 1}}, 480, 480},
		{"many classes grow the figure", manyNames(12), identity(12), 853, 853},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Confusion(&buf, "Confusion", tt.classes, tt.cm); err != nil {
				t.Fatal(err)
			}
			decodePNG(t, buf.Bytes(), tt.wantW, tt.wantH)
		})
	}
}

func TestConfusionShadesByRowShare(t *testing.T) {
	var buf bytes.Buffer
	if err := Confusion(&buf, "t", []string{"a", "b"}, [][]int{{10, 0}, {0, 1}}); err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, buf.Bytes(), 480, 480)
	darkest := blues(256).Colors()[255]
	// Both diagonal cells are a full row share, whatever their counts.
	if n := countColor(img, darkest); n < 2*10000 {
		t.Errorf("darkest shade covers %d pixels, want two full cells", n)
	}
	if n := countColor(img, color.RGBA{R: 247, G: 251, B: 255, A: 255}); n < 2*10000 {
		t.Errorf("lightest shade covers %d pixels, want two empty cells", n)
	}
}

func TestConfusionRejectsBadInput(t *testing.T) {
	tests := []struct {
		name    string
		classes []string
		cm      [][]int
		want    error
	}{
		{"no classes", nil, nil, ErrEmpty},
		{"too few rows", []string{"a", "b"}, [][]int{{1, 2}}, errAny},
		{"ragged row", []string{"a", "b"}, [][]int{{1, 2}, {3}}, errAny},
		{"negative count", []string{"a"}, [][]int{{-1}}, errAny},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			checkErr(t, "Confusion", Confusion(&buf, "t", tt.classes, tt.cm), tt.want)
		})
	}
}

func manyNames(k int) []string {
	names := make([]string, k)
	for i := range names {
		names[i] = fmt.Sprintf("T10%02d", i)
	}
	return names
}

func identity(k int) [][]int {
	cm := make([][]int, k)
	for i := range cm {
		cm[i] = make([]int, k)
		cm[i][i] = 10 * (i + 1)
	}
	return cm
}
