package vec

import "testing"

func TestSparseDot(t *testing.T) {
	a := Sparse{Index: []uint32{1, 3, 7}, Value: []float32{1, 2, 3}}
	b := Sparse{Index: []uint32{0, 3, 7, 9}, Value: []float32{5, 4, -1, 2}}
	w := []float32{0, 10, 0, 100, 0, 0, 0, 1000}
	tests := []struct {
		name string
		got  float32
		want float32
	}{
		{"dense dot sums matching weights", a.Dot(w), 10 + 200 + 3000},
		{"dense dot ignores indices past the weights", b.Dot(w[:4]), 400},
		{"sparse dot merges sorted indices", a.DotSparse(b), 8 - 3},
		{"sparse dot with empty is zero", a.DotSparse(Sparse{}), 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %v, want %v", tc.got, tc.want)
			}
		})
	}
}

func TestSparseValid(t *testing.T) {
	tests := []struct {
		name string
		s    Sparse
		dim  int
		want bool
	}{
		{"sorted in range", Sparse{Index: []uint32{0, 2}, Value: []float32{1, 1}}, 3, true},
		{"duplicate index", Sparse{Index: []uint32{2, 2}, Value: []float32{1, 1}}, 3, false},
		{"index out of range", Sparse{Index: []uint32{3}, Value: []float32{1}}, 3, false},
		{"length mismatch", Sparse{Index: []uint32{1}, Value: nil}, 3, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.s.Valid(tc.dim); got != tc.want {
				t.Errorf("Valid = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestDenseFromRowsRejectsRagged(t *testing.T) {
	if _, err := DenseFromRows([][]float32{{1, 2}, {3}}); err == nil {
		t.Fatal("want error for ragged rows")
	}
	m, err := DenseFromRows([][]float32{{1, 2}, {3, 4}})
	if err != nil || m.At(1, 0) != 3 || m.Rows != 2 || m.Cols != 2 {
		t.Fatalf("got %+v, %v", m, err)
	}
}
