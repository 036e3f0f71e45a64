package features

import (
	"errors"
	"math"

	"github.com/vigilsec/vigil/internal/ml/vec"
)

// Scaler standardises dense columns to zero mean and unit variance.
// Columns with zero variance are centred but not scaled (Scale is 1), so a
// constant feature becomes 0 rather than NaN.
type Scaler struct {
	Mean  []float64
	Scale []float64 // multiplier: 1/std, or 1 for a constant column
}

// FitScaler computes per-column means and population standard deviations
// with Welford's algorithm (stable for large, offset values).
func FitScaler(m *vec.Dense) (*Scaler, error) {
	if m.Rows == 0 || m.Cols == 0 {
		return nil, errors.New("fit scaler: empty matrix")
	}
	mean, m2 := make([]float64, m.Cols), make([]float64, m.Cols)
	for i := range m.Rows {
		for j, x := range m.Row(i) {
			d := float64(x) - mean[j]
			mean[j] += d / float64(i+1)
			m2[j] += d * (float64(x) - mean[j])
		}
	}
	scale := make([]float64, m.Cols)
	for j := range scale {
		scale[j] = 1
		if sd := math.Sqrt(m2[j] / float64(m.Rows)); sd > 1e-12 {
			scale[j] = 1 / sd
		}
	}
	return &Scaler{Mean: mean, Scale: scale}, nil
}

// TransformRow standardises one row in place; len(row) must equal the
// number of fitted columns.
func (s *Scaler) TransformRow(row []float32) {
	for j := range row {
		row[j] = float32((float64(row[j]) - s.Mean[j]) * s.Scale[j])
	}
}

// Transform standardises every row of m in place.
func (s *Scaler) Transform(m *vec.Dense) {
	for i := range m.Rows {
		s.TransformRow(m.Row(i))
	}
}
