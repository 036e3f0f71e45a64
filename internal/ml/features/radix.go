package features

import (
	"math/bits"
	"slices"
)

// Emitted n-grams are packed into one uint32: bucket<<1 | signBit. Sorting
// the packed values groups equal buckets (both signs) together, and one array
// moves half the memory of a key/value pair.
func pack(bucket uint32, negative bool) uint32 {
	if negative {
		return bucket<<1 | 1
	}
	return bucket << 1
}

// Radix digits are at most radixBits wide.
const (
	radixBits = 11
	radixSize = 1 << radixBits
	smallSort = 24 // segments up to this long use insertion sort
)

// sortBuckets sorts packed entries (keyBits-bit buckets plus the sign bit).
// One MSD radix pass on the top ~log2(n) bits scatters the entries into
// segments of about one entry each, which are then finished by insertion
// sort. A long segment (many n-grams crafted to share top bits, or one
// n-gram repeated) falls back to pdqsort, so the cost stays O(n log n) on
// hostile input. Once the scratch has grown it does not allocate.
func sortBuckets(keys []uint32, keyBits int, s *scratch) {
	n := len(keys)
	if n <= smallSort {
		insertionSort(keys)
		return
	}
	digit := min(max(bits.Len(uint(n)), 4), radixBits, keyBits)
	shift := uint(keyBits + 1 - digit)
	counts := &s.counts // fixed size: a masked digit needs no bounds check
	clear(counts[:1<<digit])
	for _, k := range keys {
		counts[k>>shift&(radixSize-1)]++
	}
	var sum uint32
	for i, c := range counts[:1<<digit] {
		counts[i], sum = sum, sum+c
	}
	s.tmp = grow(s.tmp, n)
	dst := s.tmp
	for _, k := range keys {
		d := k >> shift & (radixSize - 1)
		dst[counts[d]] = k
		counts[d]++
	}
	// counts[d] is now the end of segment d.
	start := uint32(0)
	for _, end := range counts[:1<<digit] {
		seg := dst[start:end]
		if len(seg) > smallSort {
			slices.Sort(seg)
		} else {
			insertionSort(seg)
		}
		start = end
	}
	copy(keys, dst)
}

func insertionSort(keys []uint32) {
	for i := 1; i < len(keys); i++ {
		k, j := keys[i], i
		for ; j > 0 && keys[j-1] > k; j-- {
			keys[j] = keys[j-1]
		}
		keys[j] = k
	}
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n, n+n/4)
	}
	return s[:n]
}
