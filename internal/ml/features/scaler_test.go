package features

import (
	"math"
	"testing"

	"github.com/vigilsec/vigil/internal/ml/vec"
)

func TestScaler(t *testing.T) {
	m, _ := vec.DenseFromRows([][]float32{{1, 5, 1e6}, {3, 5, 1e6 + 2}, {5, 5, 1e6 + 4}})
	s, err := FitScaler(m)
	if err != nil {
		t.Fatal(err)
	}
	s.Transform(m)
	sd := math.Sqrt(8.0 / 3)
	want := [][]float32{{float32(-2 / sd), 0, float32(-2 / sd)}, {0, 0, 0}, {float32(2 / sd), 0, float32(2 / sd)}}
	for i, row := range want {
		for j, w := range row {
			if got := m.At(i, j); math.Abs(float64(got-w)) > 1e-5 {
				t.Errorf("[%d][%d] = %v, want %v", i, j, got, w)
			}
		}
	}
	t.Run("zero variance column maps to zero, not NaN", func(t *testing.T) {
		if s.Scale[1] != 1 || m.At(0, 1) != 0 {
			t.Errorf("scale %v value %v", s.Scale[1], m.At(0, 1))
		}
	})
	t.Run("empty matrix is an error", func(t *testing.T) {
		if _, err := FitScaler(&vec.Dense{}); err == nil {
			t.Error("want error")
		}
	})
}
