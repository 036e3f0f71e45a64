package vec

import "fmt"

// Dense is a row-major matrix: row i is Data[i*Cols : (i+1)*Cols].
type Dense struct {
	Rows, Cols int
	Data       []float32
}

// NewDense allocates a zeroed rows×cols matrix.
func NewDense(rows, cols int) *Dense {
	return &Dense{Rows: rows, Cols: cols, Data: make([]float32, rows*cols)}
}

// DenseFromRows copies equally long rows into a new matrix.
func DenseFromRows(rows [][]float32) (*Dense, error) {
	if len(rows) == 0 {
		return &Dense{}, nil
	}
	m := NewDense(len(rows), len(rows[0]))
	for i, r := range rows {
		if len(r) != m.Cols {
			return nil, fmt.Errorf("row %d has %d columns, want %d", i, len(r), m.Cols)
		}
		copy(m.Row(i), r)
	}
	return m, nil
}

// Row returns row i as a slice aliasing the matrix data.
func (m *Dense) Row(i int) []float32 { return m.Data[i*m.Cols : (i+1)*m.Cols] }

// At returns the element at row i, column j.
func (m *Dense) At(i, j int) float32 { return m.Data[i*m.Cols+j] }
