package loadtest

import (
	"math"
	"math/bits"
	"time"
)

// subBits sets the histogram's precision: values below 2^subBits
// microseconds are exact, larger ones fall in buckets 1/2^(subBits-1) of
// their magnitude wide (under 0.4 % for 9).
const subBits = 9

// numBuckets covers every uint64 of microseconds.
const numBuckets = (64-subBits+1)<<(subBits-1) + 1<<(subBits-1)

// Histogram counts latencies in log-linear buckets of microseconds, like
// HdrHistogram: fixed memory, a few per cent of a bucket of error. The zero
// value is ready; it is not safe for concurrent use (give each worker its
// own and Merge them).
type Histogram struct {
	counts        []uint64
	n             uint64
	sum, min, max uint64 // microseconds
}

// bucket returns the bucket index of v.
func bucket(v uint64) int {
	if v < 1<<subBits {
		return int(v)
	}
	shift := bits.Len64(v) - subBits
	return shift<<(subBits-1) + int(v>>shift)
}

// lowest returns the smallest value of bucket i.
func lowest(i int) uint64 {
	if i < 1<<subBits {
		return uint64(i)
	}
	shift := i>>(subBits-1) - 1
	top := uint64(i - shift<<(subBits-1))
	return top << shift
}

// Record adds one latency.
func (h *Histogram) Record(d time.Duration) {
	v := uint64(max(d.Microseconds(), 0))
	if h.counts == nil {
		h.counts = make([]uint64, numBuckets)
		h.min = math.MaxUint64
	}
	h.counts[bucket(v)]++
	h.n++
	h.sum += v
	h.min = min(h.min, v)
	h.max = max(h.max, v)
}

// Merge adds o's counts to h.
func (h *Histogram) Merge(o *Histogram) {
	if o.n == 0 {
		return
	}
	if h.counts == nil {
		h.counts = make([]uint64, numBuckets)
		h.min = math.MaxUint64
	}
	for i, c := range o.counts {
		h.counts[i] += c
	}
	h.n += o.n
	h.sum += o.sum
	h.min = min(h.min, o.min)
	h.max = max(h.max, o.max)
}

// Count returns the number of latencies recorded.
func (h *Histogram) Count() uint64 { return h.n }

// Quantile returns the latency at or below which a fraction q of the
// recorded ones lie (the middle of its bucket, clamped to the extremes).
func (h *Histogram) Quantile(q float64) time.Duration {
	if h.n == 0 {
		return 0
	}
	rank := uint64(math.Ceil(q * float64(h.n)))
	rank = min(max(rank, 1), h.n)
	var seen uint64
	for i, c := range h.counts {
		seen += c
		if seen >= rank {
			mid := (lowest(i) + lowest(i+1) - 1) / 2
			return time.Duration(min(max(mid, h.min), h.max)) * time.Microsecond
		}
	}
	return time.Duration(h.max) * time.Microsecond
}

// Mean returns the mean latency.
func (h *Histogram) Mean() time.Duration {
	if h.n == 0 {
		return 0
	}
	return time.Duration(h.sum/h.n) * time.Microsecond
}

// Min and Max return the extremes.
func (h *Histogram) Min() time.Duration {
	if h.n == 0 {
		return 0
	}
	return time.Duration(h.min) * time.Microsecond
}

func (h *Histogram) Max() time.Duration { return time.Duration(h.max) * time.Microsecond }
