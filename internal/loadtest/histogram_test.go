package loadtest

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

func TestBucketsAreContiguousAndOrdered(t *testing.T) {
	prev := -1
	for _, v := range []uint64{0, 1, 255, 511, 512, 513, 1023, 1024, 1 << 20, 1<<20 + 1, 1 << 40, math.MaxUint64} {
		i := bucket(v)
		if i < prev || i >= numBuckets {
			t.Fatalf("bucket(%d) = %d after %d (of %d)", v, i, prev, numBuckets)
		}
		if lo := lowest(i); lo > v || (i+1 < numBuckets && lowest(i+1) <= v) {
			t.Errorf("value %d in bucket %d whose range starts at %d", v, i, lo)
		}
		prev = i
	}
}

func TestQuantilesMatchExactWithinBucketError(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var h Histogram
	var exact []time.Duration
	for range 100_000 {
		// log-normal around 2 ms, like service latencies
		d := time.Duration(math.Exp(rng.NormFloat64()*0.8+math.Log(2000))) * time.Microsecond
		h.Record(d)
		exact = append(exact, d.Truncate(time.Microsecond))
	}
	slices.Sort(exact)
	for _, q := range []float64{0.5, 0.9, 0.95, 0.99, 0.999} {
		want := exact[int(math.Ceil(q*float64(len(exact))))-1]
		got := h.Quantile(q)
		if rel := math.Abs(float64(got-want)) / float64(want); rel > 0.004 {
			t.Errorf("p%g = %v, exact %v (%.2f %% off)", q*100, got, want, rel*100)
		}
	}
	if h.Min() != exact[0] || h.Max() != exact[len(exact)-1] {
		t.Errorf("min %v max %v, want %v %v", h.Min(), h.Max(), exact[0], exact[len(exact)-1])
	}
}

func TestMergeEqualsRecordingTogether(t *testing.T) {
	var a, b, all Histogram
	for i := range 1000 {
		d := time.Duration(i*i) * time.Microsecond
		all.Record(d)
		if i%2 == 0 {
			a.Record(d)
		} else {
			b.Record(d)
		}
	}
	var m Histogram
	m.Merge(&a)
	m.Merge(&b)
	m.Merge(&Histogram{})
	for _, q := range []float64{0, 0.5, 0.99, 1} {
		if m.Quantile(q) != all.Quantile(q) {
			t.Errorf("q %g: merged %v, together %v", q, m.Quantile(q), all.Quantile(q))
		}
	}
	if m.Count() != 1000 || m.Mean() != all.Mean() {
		t.Errorf("count %d mean %v, want 1000 %v", m.Count(), m.Mean(), all.Mean())
	}
}

func TestEmptyHistogramIsZero(t *testing.T) {
	var h Histogram
	if h.Quantile(0.99) != 0 || h.Mean() != 0 || h.Min() != 0 || h.Max() != 0 {
		t.Error("an empty histogram reports non-zero latencies")
	}
}

func BenchmarkRecord(b *testing.B) {
	var h Histogram
	for i := range b.N {
		h.Record(time.Duration(i%20000) * time.Microsecond)
	}
}
