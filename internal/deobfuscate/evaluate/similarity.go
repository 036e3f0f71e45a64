// Package evaluate measures how well the deobfuscation pipeline recovers
// scripts: a normalised edit-distance similarity, the Invoke-Obfuscation
// pairs of the PowerShell corpus, and the unit42 -EncodedCommand lines.
package evaluate

import (
	"strings"
	"unicode"
)

// MaxCells bounds the dynamic-programming work of one exact distance
// (len(a)*len(b) cells, about 2 s on one core). Larger pairs are measured
// with blockDistance, an upper bound, so a similarity is never overstated.
const MaxCells = 4e9

// Normalize lower-cases s, collapses every run of white space to one space
// and trims the ends, so that similarity ignores case and layout.
func Normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// Similarity is 1 - distance/max(len) over the normalised texts: 1 for
// equal texts, 0 for texts with nothing in common. Two empty texts are
// equal.
func Similarity(a, b string) float64 {
	a, b = Normalize(a), Normalize(b)
	n := max(len(a), len(b))
	if n == 0 {
		return 1
	}
	return 1 - float64(Distance(a, b))/float64(n)
}

// Distance is the Levenshtein distance between a and b counted in bytes.
// It is exact when len(a)*len(b) <= MaxCells after the common prefix and
// suffix are removed; above that it is blockDistance, an upper bound.
func Distance(a, b string) int {
	p := commonPrefix(a, b)
	a, b = a[p:], b[p:]
	s := commonSuffix(a, b)
	a, b = a[:len(a)-s], b[:len(b)-s]
	if float64(len(a))*float64(len(b)) > MaxCells {
		return blockDistance(a, b)
	}
	return levenshtein(a, b)
}

// levenshtein is the classic dynamic programme: O(len(a)*len(b)) time and
// one row of O(min(len(a), len(b))) memory.
func levenshtein(a, b string) int {
	if len(a) < len(b) {
		a, b = b, a
	}
	if len(b) == 0 {
		return len(a)
	}
	row := make([]int32, len(b)+1)
	for j := range row {
		row[j] = int32(j)
	}
	for i := 0; i < len(a); i++ {
		ca, diag := a[i], row[0]
		row[0] = int32(i + 1)
		for j := 1; j <= len(b); j++ {
			up := row[j]
			v := diag
			if ca != b[j-1] {
				v++
			}
			v = min(v, up+1, row[j-1]+1)
			row[j], diag = v, up
		}
	}
	return int(row[len(b)])
}

// blockDistance cuts a and b into k pieces of proportional length, with k
// chosen so the total work stays within MaxCells, and sums the exact
// distances of corresponding pieces. Joining the piece alignments is one
// alignment of a and b, so the sum is an upper bound of the true distance;
// it is close when the texts are in the same order, which is the case for
// a deobfuscated script and its original.
func blockDistance(a, b string) int {
	k := int(float64(len(a))*float64(len(b))/MaxCells) + 1
	d := 0
	for i := 0; i < k; i++ {
		d += levenshtein(a[len(a)*i/k:len(a)*(i+1)/k], b[len(b)*i/k:len(b)*(i+1)/k])
	}
	return d
}

func commonPrefix(a, b string) int {
	n := min(len(a), len(b))
	i := 0
	for i < n && a[i] == b[i] {
		i++
	}
	return i
}

func commonSuffix(a, b string) int {
	n := min(len(a), len(b))
	i := 0
	for i < n && a[len(a)-1-i] == b[len(b)-1-i] {
		i++
	}
	return i
}
