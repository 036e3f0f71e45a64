package nn

import (
	"math"

	"github.com/vigilsec/vigil/internal/ml/calibrate"
)

// Scratch is the working memory of one forward pass. A Scratch must not be
// used by two goroutines at once; keep one per goroutine (or use Logits,
// which draws one from a pool).
type Scratch struct {
	rows   []int32 // per position: the input id times F, a row offset
	acc    []float32
	pooled []float32
	hidden []float32
	logits []float32
}

// NewScratch returns working memory sized for m.
func (m *ByteCNN) NewScratch() *Scratch {
	a := m.Arch
	return &Scratch{
		rows:   make([]int32, a.MaxLen+a.maxWidth()-1),
		acc:    make([]float32, a.Filters),
		pooled: make([]float32, a.pooled()),
		hidden: make([]float32, a.Hidden),
		logits: make([]float32, m.K),
	}
}

// Forward writes the K raw scores of s into out (len ≥ K) and returns it.
// Only the first Arch.MaxLen bytes of s are read. It does not allocate.
func (m *ByteCNN) Forward(s string, sc *Scratch, out []float32) []float32 {
	n := sc.encode(s, m.Arch)
	F := m.Arch.Filters
	tab := m.tables
	for i, width := range m.Arch.Widths {
		pool := sc.pooled[i*F : (i+1)*F]
		convMax(pool, sc.acc, tab[:width*vocab*F], width, sc.rows, n)
		tab = tab[width*vocab*F:]
	}
	relu(sc.pooled)
	hk, hb := m.denseLayer(0)
	dense(sc.hidden, sc.pooled, hk, hb)
	relu(sc.hidden)
	ok, ob := m.denseLayer(1)
	return dense(out[:m.K], sc.hidden, ok, ob)
}

// encode fills sc.rows with the row offsets of s's bytes followed by padding
// and returns the number of window positions: the string length (at least
// one, so that an empty string still has a window of padding).
func (sc *Scratch) encode(s string, a Arch) int {
	n := min(len(s), a.MaxLen)
	rows := sc.rows[:max(n, 1)+a.maxWidth()-1]
	F := int32(a.Filters)
	for t := range n {
		rows[t] = int32(s[t]) * F
	}
	for t := n; t < len(rows); t++ {
		rows[t] = padID * F
	}
	return max(n, 1)
}

// relu clamps x at zero in place.
func relu(x []float32) {
	for i, v := range x {
		x[i] = max(v, 0)
	}
}

// dense writes b + xᵀ·W into out, with W row-major [len(x)][len(out)].
func dense(out, x, w, b []float32) []float32 {
	copy(out, b)
	axpyRows(out, x, w)
	return out
}

// Logits is Forward with pooled scratch memory: safe for concurrent use and
// allocation-free in steady state.
func (m *ByteCNN) Logits(s string, out []float32) []float32 {
	sc := m.pool.Get().(*Scratch)
	defer m.pool.Put(sc)
	return m.Forward(s, sc, out)
}

// Proba writes the calibrated class probabilities of s into out (len ≥ K).
func (m *ByteCNN) Proba(s string, out []float32) []float32 {
	return calibrate.Softmax(out, m.Logits(s, out), m.Temperature)
}

// Predict returns the most likely class of s.
func (m *ByteCNN) Predict(s string) int {
	sc := m.pool.Get().(*Scratch)
	defer m.pool.Put(sc)
	return argmax(m.Forward(s, sc, sc.logits))
}

var negInf = float32(math.Inf(-1))
