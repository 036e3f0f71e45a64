package nn

import (
	"github.com/gomlx/gomlx/core/tensors"
)

// minBucket is the shortest padded length of a batch. Batches are padded to
// the next power of two (capped at MaxLen) of their longest string, so short
// inputs train fast while GoMLX compiles only a handful of graph shapes.
const minBucket = 16

// bucketLen returns the padded number of positions for a longest string of n.
func bucketLen(n, maxLen int) int {
	l := minBucket
	for l < n {
		l *= 2
	}
	return min(l, maxLen)
}

// batch is one minibatch in the graph's input layout. Rows past the real
// examples (padding the last batch to the fixed size) weigh zero.
type batch struct {
	ids     []int32   // size × (L + maxWidth − 1): bytes, then padID
	lens    []int32   // valid window positions per row, ≥ 1
	labels  []int32   // class per row
	weights []float32 // class weight per row, normalised to sum to 1
	size, L int
	wsum    float64 // the weights' sum before normalising
}

// makeBatch encodes the examples rows of d, padded to size rows.
func makeBatch(d Dataset, rows []int, size int, a Arch, classW []float64) batch {
	longest := 0
	for _, r := range rows {
		longest = max(longest, len(d.X[r]))
	}
	b := batch{size: size, L: bucketLen(longest, a.MaxLen)}
	cols := b.L + a.maxWidth() - 1
	b.ids, b.lens = make([]int32, size*cols), make([]int32, size)
	b.labels, b.weights = make([]int32, size), make([]float32, size)
	for i := range size {
		row := b.ids[i*cols : (i+1)*cols]
		n := 0
		if i < len(rows) {
			s := d.X[rows[i]]
			n = min(len(s), b.L)
			for t := range n {
				row[t] = int32(s[t])
			}
			y := d.Y[rows[i]]
			b.labels[i], b.weights[i] = int32(y), float32(classW[y])
			b.wsum += classW[y]
		}
		for t := n; t < cols; t++ {
			row[t] = padID
		}
		b.lens[i] = int32(max(n, 1))
	}
	for i := range b.weights {
		b.weights[i] /= float32(max(b.wsum, 1e-12))
	}
	return b
}

// tensors returns ids, lens, labels and weights as GoMLX tensors.
func (b batch) tensors() []*tensors.Tensor {
	cols := len(b.ids) / b.size
	return []*tensors.Tensor{
		tensors.FromFlatDataAndDimensions(b.ids, b.size, cols),
		tensors.FromFlatDataAndDimensions(b.lens, b.size),
		tensors.FromFlatDataAndDimensions(b.labels, b.size),
		tensors.FromFlatDataAndDimensions(b.weights, b.size),
	}
}
