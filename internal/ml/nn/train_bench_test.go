package nn

import (
	"math/rand/v2"
	"strconv"
	"testing"
)

// BenchmarkTrainStep times one GoMLX optimiser step of the default
// architecture on a batch of 64 strings padded to n positions.
func BenchmarkTrainStep(b *testing.B) {
	needsGoMLX(b)
	for _, n := range []int{128, 256} {
		b.Run("64x"+strconv.Itoa(n), func(b *testing.B) {
			cfg := DefaultConfig()
			d := synthetic(64, 0, 1)
			for i := range d.X {
				for len(d.X[i]) < n {
					d.X[i] += " " + d.X[i]
				}
				d.X[i] = d.X[i][:n]
			}
			t, err := newTrainer(classes, d, cfg)
			if err != nil {
				b.Fatal(err)
			}
			defer t.sess.close()
			batch := makeBatch(d, rand.Perm(64), 64, cfg.Arch, t.classW)
			if _, _, err := t.sess.step(batch, 1e-3, 0); err != nil { // compiles the graph
				b.Fatal(err)
			}
			for b.Loop() {
				if _, _, err := t.sess.step(batch, 1e-3, 0); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
