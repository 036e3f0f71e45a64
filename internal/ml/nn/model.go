package nn

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"sync"
)

// param is one weight tensor, row-major; matrices are [in][out].
type param struct {
	name  string
	shape []int
	data  []float32
	decay bool // weight decay applies (kernels and embedding, not biases)
	fanIn int  // for initialisation; 0 means zeros
}

// layout lists the weight tensors of an architecture, without data, in a
// fixed order: the order of the GoMLX graph inputs and of the artifact's
// tensor table. It is embed (vocab × E); per width w, conv<i>.kernel
// (w × E × F, offset-major) and conv<i>.bias (F); then the hidden and
// output dense layers' kernels and biases.
func layout(a Arch, k int) []param {
	ps := []param{{name: "embed", shape: []int{vocab, a.Embed}, decay: true, fanIn: 2}}
	for i, width := range a.Widths {
		c := "conv" + strconv.Itoa(i)
		ps = append(ps,
			param{name: c + ".kernel", shape: []int{width, a.Embed, a.Filters}, decay: true, fanIn: width * a.Embed},
			param{name: c + ".bias", shape: []int{a.Filters}})
	}
	return append(ps,
		param{name: "hidden.kernel", shape: []int{a.pooled(), a.Hidden}, decay: true, fanIn: a.pooled()},
		param{name: "hidden.bias", shape: []int{a.Hidden}},
		param{name: "out.kernel", shape: []int{a.Hidden, k}, decay: true, fanIn: 2 * a.Hidden},
		param{name: "out.bias", shape: []int{k}})
}

// newParams returns layout(a, k) with zeroed data.
func newParams(a Arch, k int) []param {
	ps := layout(a, k)
	for i := range ps {
		ps[i].data = make([]float32, ps[i].size())
	}
	return ps
}

func (p param) size() int {
	n := 1
	for _, d := range p.shape {
		n *= d
	}
	return n
}

// initialise draws He-normal kernels (std √(2/fan-in)) and zero biases.
// The embedding (fan-in 2) is standard normal and the output layer
// (fan-in 2H) gets the unit-gain std √(1/H) suited to a softmax.
func initialise(ps []param, rng *rand.Rand) {
	for _, p := range ps {
		if p.fanIn == 0 {
			clear(p.data)
			continue
		}
		std := math.Sqrt(2 / float64(max(p.fanIn, 1)))
		for i := range p.data {
			p.data[i] = float32(rng.NormFloat64() * std)
		}
	}
}

// ByteCNN is a trained byte-level CNN classifier whose forward pass is plain
// Go. Logits, Proba, Predict, LogitsAll and Evaluate are safe for concurrent
// use; Forward is too, given one Scratch per goroutine. Calibrate sets
// Temperature and must not run alongside them.
type ByteCNN struct {
	Arch        Arch
	K           int     // classes
	Temperature float32 // logits are divided by it in Proba; 1 = uncalibrated

	ps     []param   // the raw weights, in layout order
	tables []float32 // Σwidths folded tables of vocab × F, see fold
	pool   sync.Pool // *Scratch for Logits, Proba and Predict
}

// newByteCNN wraps weights in layout order (which it keeps) and folds the
// tables.
func newByteCNN(a Arch, k int, ps []param) (*ByteCNN, error) {
	if err := a.check(); err != nil {
		return nil, err
	}
	if k < 2 {
		return nil, fmt.Errorf("need at least 2 classes, got %d", k)
	}
	m := &ByteCNN{Arch: a, K: k, Temperature: 1, ps: ps}
	m.fold()
	m.pool.New = func() any { return m.NewScratch() }
	return m, nil
}

// Accessors into ps, by layout position.
func (m *ByteCNN) embed() []float32           { return m.ps[0].data }
func (m *ByteCNN) convKernel(i int) []float32 { return m.ps[1+2*i].data }
func (m *ByteCNN) convBias(i int) []float32   { return m.ps[2+2*i].data }
func (m *ByteCNN) denseLayer(j int) (kernel, bias []float32) {
	p := len(m.ps) - 4 + 2*j
	return m.ps[p].data, m.ps[p+1].data
}

// fold precomputes, for width i, offset j and byte id b, the row
// T[i][j][b] = embed[b] · conv[i][j] (F values), with the bias folded into
// offset 0. A convolution output is then the sum of w table rows.
func (m *ByteCNN) fold() {
	a := m.Arch
	E, F := a.Embed, a.Filters
	if n := vocab * a.sumWidths() * F; len(m.tables) != n {
		m.tables = make([]float32, n)
	}
	tab := m.tables
	for i, width := range a.Widths {
		for j := range width {
			kernel := m.convKernel(i)[j*E*F : (j+1)*E*F]
			for b := range vocab {
				row := tab[b*F : (b+1)*F]
				if j == 0 {
					copy(row, m.convBias(i))
				} else {
					clear(row)
				}
				axpyRows(row, m.embed()[b*E:(b+1)*E], kernel)
			}
			tab = tab[vocab*F:]
		}
	}
}

// axpyRows adds Σ_e x[e]·mat[e] to dst, where mat holds len(x) rows of
// len(dst) values. Rows are taken four at a time so that dst is loaded and
// stored once per four rows; zero inputs (after a ReLU) are skipped.
func axpyRows(dst, x, mat []float32) {
	n := len(dst)
	e := 0
	for ; e+4 <= len(x); e += 4 {
		v := x[e : e+4 : e+4]
		if v[0] == 0 && v[1] == 0 && v[2] == 0 && v[3] == 0 {
			continue
		}
		r := mat[e*n : (e+4)*n]
		axpy4(dst, v[0], v[1], v[2], v[3], r[:n], r[n:2*n], r[2*n:3*n], r[3*n:])
	}
	for ; e < len(x); e++ {
		if v := x[e]; v != 0 {
			row := mat[e*n : (e+1)*n]
			for f := range dst {
				dst[f] += v * row[f]
			}
		}
	}
}

// axpy4 adds a·ra + b·rb + c·rc + d·rd to dst.
func axpy4(dst []float32, a, b, c, d float32, ra, rb, rc, rd []float32) {
	ra, rb, rc, rd = ra[:len(dst)], rb[:len(dst)], rc[:len(dst)], rd[:len(dst)]
	for f := range dst {
		dst[f] += a*ra[f] + b*rb[f] + c*rc[f] + d*rd[f]
	}
}
