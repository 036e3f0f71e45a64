package plot

import (
	"bytes"
	"math"
	"testing"

	"github.com/vigilsec/vigil/internal/ml/metrics"
)

// Hand-computed with two bins: one example of confidence 0.4 (correct) in
// the low bin; 0.8 (correct), 0.9 (wrong) and 1.0 (correct, the top edge) in
// the high bin. ECE = (1·|1 − 0.4| + 3·|2/3 − 0.9|) / 4 = 0.325.
var (
	handY     = []int{1, 1, 0, 0}
	handProbs = [][]float64{{0.2, 0.8}, {0.9, 0.1}, {1, 0}, {0.4, 0.3, 0.3}}
)

func TestCalibrationBinsHandExample(t *testing.T) {
	bins, err := CalibrationBins(handY, handProbs, 2)
	if err != nil {
		t.Fatal(err)
	}
	want := []Bin{
		{Lo: 0, Hi: 0.5, Count: 1, Confidence: 0.4, Accuracy: 1},
		{Lo: 0.5, Hi: 1, Count: 3, Confidence: 0.9, Accuracy: 2.0 / 3},
	}
	for i := range want {
		if !binNear(bins[i], want[i]) {
			t.Errorf("bin %d = %+v, want %+v", i, bins[i], want[i])
		}
	}
	if got := binsECE(bins); math.Abs(got-0.325) > 1e-12 {
		t.Errorf("binsECE = %v, want 0.325", got)
	}
	if m := metrics.ECE(handY, handProbs, 2); math.Abs(binsECE(bins)-m) > 1e-12 {
		t.Errorf("binsECE %v disagrees with metrics.ECE %v", binsECE(bins), m)
	}
}

func binNear(a, b Bin) bool {
	return a.Count == b.Count && a.Lo == b.Lo && a.Hi == b.Hi &&
		math.Abs(a.Confidence-b.Confidence) < 1e-12 && math.Abs(a.Accuracy-b.Accuracy) < 1e-12
}

func TestCalibrationBinsRejectBadInput(t *testing.T) {
	tests := []struct {
		name  string
		y     []int
		probs [][]float64
		bins  int
		want  error
	}{
		{"no examples", nil, nil, 10, ErrEmpty},
		{"mismatched lengths", []int{0}, nil, 10, errAny},
		{"zero bins", []int{0}, [][]float64{{1}}, 0, errAny},
		{"empty row", []int{0}, [][]float64{{}}, 10, errAny},
		{"probability above one", []int{0}, [][]float64{{1.5}}, 10, errAny},
		{"NaN probability", []int{0}, [][]float64{{math.NaN()}}, 10, errAny},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := CalibrationBins(tt.y, tt.probs, tt.bins)
			checkErr(t, "CalibrationBins", err, tt.want)
		})
	}
}

func TestReliabilityDrawsBinsAndECE(t *testing.T) {
	bins, err := CalibrationBins(handY, handProbs, metrics.ECEBins)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Reliability(&buf, "Command detector", bins); err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, buf.Bytes(), 640, 480)
	if n := countColor(img, columnColor); n < 500 {
		t.Errorf("accuracy columns cover %d pixels, want shaded columns", n)
	}
	if n := countColor(img, modelColor); n < 20 {
		t.Errorf("model line covers %d pixels, want a drawn line", n)
	}
}

func TestReliabilityRejectsBadBins(t *testing.T) {
	tests := []struct {
		name string
		bins []Bin
		want error
	}{
		{"no bins", nil, ErrEmpty},
		{"only empty bins", []Bin{{Lo: 0, Hi: 1}}, ErrEmpty},
		{"negative count", []Bin{{Lo: 0, Hi: 1, Count: -1}}, errAny},
		{"NaN accuracy", []Bin{{Lo: 0, Hi: 1, Count: 1, Accuracy: math.NaN()}}, errAny},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			checkErr(t, "Reliability", Reliability(&buf, "t", tt.bins), tt.want)
		})
	}
}
