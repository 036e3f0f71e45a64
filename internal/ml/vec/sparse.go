package vec

import "math"

// Sparse is a sparse vector: Index is strictly increasing and Value[i] is the
// value at Index[i]. Zero values may be stored but are usually dropped.
type Sparse struct {
	Index []uint32
	Value []float32
}

// Len returns the number of stored entries.
func (s Sparse) Len() int { return len(s.Index) }

// Dot returns the dot product with a dense vector w. Indices beyond len(w)
// contribute nothing, so a vector from a larger hash space is safe to use.
func (s Sparse) Dot(w []float32) float32 {
	var sum float32
	for i, ix := range s.Index {
		if int(ix) < len(w) {
			sum += s.Value[i] * w[ix]
		}
	}
	return sum
}

// DotSparse returns the dot product of two sparse vectors by merging their
// sorted index lists.
func (s Sparse) DotSparse(o Sparse) float32 {
	var sum float32
	i, j := 0, 0
	for i < len(s.Index) && j < len(o.Index) {
		switch a, b := s.Index[i], o.Index[j]; {
		case a == b:
			sum += s.Value[i] * o.Value[j]
			i++
			j++
		case a < b:
			i++
		default:
			j++
		}
	}
	return sum
}

// Norm returns the Euclidean norm.
func (s Sparse) Norm() float64 {
	var sum float64
	for _, v := range s.Value {
		sum += float64(v) * float64(v)
	}
	return math.Sqrt(sum)
}

// Scale multiplies every value by f in place.
func (s Sparse) Scale(f float32) {
	for i := range s.Value {
		s.Value[i] *= f
	}
}

// Clone returns a deep copy whose slices do not alias s.
func (s Sparse) Clone() Sparse {
	return Sparse{
		Index: append([]uint32(nil), s.Index...),
		Value: append([]float32(nil), s.Value...),
	}
}

// Valid reports whether the indices are strictly increasing, the two slices
// have the same length and every index is below dim.
func (s Sparse) Valid(dim int) bool {
	if len(s.Index) != len(s.Value) {
		return false
	}
	for i, ix := range s.Index {
		if int(ix) >= dim || (i > 0 && ix <= s.Index[i-1]) {
			return false
		}
	}
	return true
}
