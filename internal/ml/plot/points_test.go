package plot

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// Hand-computed: sorted by score the labels are 0.9 +, 0.8 − and 0.8 + (a
// tie, one step), 0.1 −; two positives and two negatives.
var (
	handPos    = []bool{true, false, true, false}
	handScores = []float64{0.9, 0.8, 0.8, 0.1}
)

func TestROCPointsHandExample(t *testing.T) {
	got, err := ROCPoints(handPos, handScores)
	if err != nil {
		t.Fatal(err)
	}
	want := []Point{{0, 0}, {0, 0.5}, {0.5, 1}, {1, 1}}
	if !slices.Equal(got, want) {
		t.Fatalf("ROCPoints = %v, want %v", got, want)
	}
}

func TestPRPointsHandExample(t *testing.T) {
	got, err := PRPoints(handPos, handScores)
	if err != nil {
		t.Fatal(err)
	}
	want := []Point{{0, 1}, {0.5, 1}, {1, 2.0 / 3}, {1, 0.5}}
	if !slices.Equal(got, want) {
		t.Fatalf("PRPoints = %v, want %v", got, want)
	}
}

func TestCurveAreasMatchMetrics(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 20 {
		pos, scores := randomScores(rng, 200)
		roc, err := ROCCurve("m", pos, scores)
		if err != nil {
			t.Fatal(err)
		}
		pr, err := PRCurve("m", pos, scores)
		if err != nil {
			t.Fatal(err)
		}
		if a := trapezoid(roc.Points); math.Abs(a-roc.Area) > 1e-12 {
			t.Errorf("trial %d: ROC trapezoid area %v, metrics.ROCAUC %v", trial, a, roc.Area)
		}
		if a := preStepArea(pr.Points); math.Abs(a-pr.Area) > 1e-12 {
			t.Errorf("trial %d: PR step area %v, metrics.AveragePrecision %v", trial, a, pr.Area)
		}
	}
}

// randomScores draws labels and coarse scores, so ties are common.
func randomScores(rng *rand.Rand, n int) ([]bool, []float64) {
	pos, scores := make([]bool, n), make([]float64, n)
	for i := range n {
		pos[i] = rng.IntN(3) == 0
		scores[i] = math.Round(rng.Float64()*20) / 20
		if pos[i] {
			scores[i] = math.Min(1, scores[i]+0.2)
		}
	}
	pos[0], pos[1] = true, false
	return pos, scores
}

func trapezoid(pts []Point) float64 {
	a := 0.0
	for i := 1; i < len(pts); i++ {
		a += (pts[i].X - pts[i-1].X) * (pts[i].Y + pts[i-1].Y) / 2
	}
	return a
}

func preStepArea(pts []Point) float64 {
	a := 0.0
	for i := 1; i < len(pts); i++ {
		a += (pts[i].X - pts[i-1].X) * pts[i].Y
	}
	return a
}

// errAny in a test table accepts any non-nil error.
var errAny = errors.New("any error")

func TestPointsRejectBadInput(t *testing.T) {
	tests := []struct {
		name    string
		pos     []bool
		scores  []float64
		roc, pr error // nil: must succeed
	}{
		{"empty input", nil, nil, ErrEmpty, ErrEmpty},
		{"mismatched lengths", []bool{true, false}, []float64{0.5}, errAny, errAny},
		{"NaN score", []bool{true, false}, []float64{math.NaN(), 0.5}, errAny, errAny},
		{"no negatives breaks ROC only", []bool{true, true}, []float64{0.1, 0.2}, ErrOneClass, nil},
		{"no positives", []bool{false, false}, []float64{0.1, 0.2}, ErrOneClass, ErrOneClass},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ROCPoints(tt.pos, tt.scores)
			checkErr(t, "ROCPoints", err, tt.roc)
			_, err = PRPoints(tt.pos, tt.scores)
			checkErr(t, "PRPoints", err, tt.pr)
		})
	}
}

func checkErr(t *testing.T, fn string, err, want error) {
	t.Helper()
	switch {
	case want == nil && err != nil:
		t.Errorf("%s: unexpected error %v", fn, err)
	case want != nil && err == nil:
		t.Errorf("%s: no error, want %v", fn, want)
	case want != nil && want != errAny && !errors.Is(err, want):
		t.Errorf("%s: error %v, want %v", fn, err, want)
	}
}

func TestCurveHelpersNameTheCurve(t *testing.T) {
	if _, err := ROCCurve("cmd-linear", []bool{true}, []float64{1}); err == nil || !errors.Is(err, ErrOneClass) {
		t.Fatalf("ROCCurve with one class: %v, want ErrOneClass", err)
	}
	c, err := PRCurve("cmd-linear", handPos, handScores)
	if err != nil || c.Name != "cmd-linear" || math.Abs(c.Area-5.0/6) > 1e-12 {
		t.Fatalf("PRCurve = %+v, %v; want name cmd-linear and AP 5/6", c, err)
	}
}
