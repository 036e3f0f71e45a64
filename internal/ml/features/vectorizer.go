package features

import (
	"fmt"
	"math"
	"unicode"
	"unicode/utf8"

	"github.com/vigilsec/vigil/internal/ml/vec"
)

// scratch is the reusable working memory of a Vectorizer.
type scratch struct {
	runes  []rune   // normalised input
	padded []rune   // one space-padded word (char_wb)
	words  []uint64 // word hashes, in order
	keys   []uint32 // one packed bucket/sign per emitted n-gram
	tmp    []uint32 // radix sort buffer
	counts [radixSize]uint32
}

// Vectorizer maps text to sparse vectors under one Schema. It keeps scratch
// space between calls and must not be shared between goroutines.
type Vectorizer struct {
	schema Schema
	idf    []float32
	shift  uint
	s      scratch
}

// NewVectorizer returns a vectorizer for schema. idf must hold Dim weights
// when the schema enables IDF (see FitIDF) and is ignored otherwise.
func NewVectorizer(schema Schema, idf []float32) (*Vectorizer, error) {
	if err := schema.Validate(); err != nil {
		return nil, fmt.Errorf("feature schema: %w", err)
	}
	if schema.CharMax == 0 && schema.WordMax == 0 {
		return nil, fmt.Errorf("feature schema %q has no text features", schema.Name)
	}
	if schema.IDF && len(idf) != schema.Dim() {
		return nil, fmt.Errorf("idf has %d weights, schema needs %d", len(idf), schema.Dim())
	}
	return &Vectorizer{schema: schema, idf: idf, shift: uint(64 - schema.HashBits)}, nil
}

// Schema returns the schema the vectorizer implements.
func (v *Vectorizer) Schema() Schema { return v.schema }

// Transform vectorises text into dst, reusing dst's backing arrays, and
// returns the result. Pass the previous result back in as dst to make the
// steady state allocation-free; pass vec.Sparse{} to get fresh slices.
func (v *Vectorizer) Transform(text string, dst vec.Sparse) vec.Sparse {
	out := v.counts(text, dst)
	v.weight(out)
	return out
}

// counts returns the merged signed term counts of text, before any weighting.
func (v *Vectorizer) counts(text string, dst vec.Sparse) vec.Sparse {
	s := &v.s
	v.normalise(text)
	s.keys = s.keys[:0]
	if v.schema.CharMax > 0 {
		if v.schema.CharWordBoundary {
			v.charWB()
		} else {
			v.charNGrams(s.runes)
		}
	}
	if v.schema.WordMax > 0 {
		v.wordNGrams()
	}
	sortBuckets(s.keys, v.schema.HashBits, s)
	return merge(s.keys, dst)
}

// normalise truncates, decodes, optionally lowercases and collapses runs of
// whitespace to one space, writing code points into the scratch buffer.
func (v *Vectorizer) normalise(text string) {
	if len(text) > v.schema.MaxInputBytes {
		text = text[:v.schema.MaxInputBytes] // limit: CPU per event
	}
	rs, space := v.s.runes[:0], true
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		i += size
		if isSpace(r) {
			if !space {
				rs = append(rs, ' ')
			}
			space = true
			continue
		}
		space = false
		rs = append(rs, v.fold(r))
	}
	if n := len(rs); n > 0 && rs[n-1] == ' ' {
		rs = rs[:n-1]
	}
	v.s.runes = rs
}

func (v *Vectorizer) fold(r rune) rune {
	switch {
	case !v.schema.Lowercase:
		return r
	case r >= 'A' && r <= 'Z':
		return r + 'a' - 'A'
	case r < utf8.RuneSelf:
		return r
	}
	return unicode.ToLower(r)
}

func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f'
	}
	return unicode.IsSpace(r)
}

// emit records one hashed feature: the top HashBits bits pick the bucket
// and the lowest bit the sign.
func (v *Vectorizer) emit(h uint64) {
	h = mix64(h)
	v.s.keys = append(v.s.keys, pack(uint32(h>>v.shift), v.schema.Signed && h&1 == 1))
}

// charNGrams emits every n-gram of rs with CharMin ≤ n ≤ CharMax, hashing
// incrementally so each start position costs CharMax multiplications.
func (v *Vectorizer) charNGrams(rs []rune) {
	lo, hi := v.schema.CharMin, v.schema.CharMax
	for i := range rs {
		h, end := uint64(seedChar), min(i+hi, len(rs))
		for j := i; j < end; j++ {
			h = fnvStep(h, rs[j])
			if j-i+1 >= lo {
				v.emit(h)
			}
		}
	}
}

// charWB emits char n-grams inside each space-padded word; a padded word
// shorter than CharMin is emitted once whole, as scikit-learn's char_wb does.
func (v *Vectorizer) charWB() {
	rs := v.s.runes
	for start := 0; start < len(rs); {
		end := start
		for end < len(rs) && rs[end] != ' ' {
			end++
		}
		p := append(v.s.padded[:0], ' ')
		p = append(append(p, rs[start:end]...), ' ')
		v.s.padded = p
		if len(p) < v.schema.CharMin {
			v.emit(hashRunes(seedChar, p))
		} else {
			v.charNGrams(p)
		}
		start = end + 1
	}
}

func hashRunes(h uint64, rs []rune) uint64 {
	for _, r := range rs {
		h = fnvStep(h, r)
	}
	return h
}

// wordNGrams hashes tokens (maximal runs of letters, digits and '_') and
// emits word n-grams with WordMin ≤ n ≤ WordMax.
func (v *Vectorizer) wordNGrams() {
	ws, rs := v.s.words[:0], v.s.runes
	for i := 0; i < len(rs); {
		if !isWordRune(rs[i]) {
			i++
			continue
		}
		h := uint64(seedWord)
		for ; i < len(rs) && isWordRune(rs[i]); i++ {
			h = fnvStep(h, rs[i])
		}
		ws = append(ws, h)
	}
	v.s.words = ws
	for i := range ws {
		h := uint64(0)
		for n := 1; n <= v.schema.WordMax && i+n <= len(ws); n++ {
			h = h*bigramSalt + ws[i+n-1]
			if n >= v.schema.WordMin {
				v.emit(h)
			}
		}
	}
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// merge sums the signs of equal buckets into dst, dropping zeros (two
// colliding n-grams of opposite sign).
func merge(keys []uint32, dst vec.Sparse) vec.Sparse {
	idx, val := dst.Index[:0], dst.Value[:0]
	for i := 0; i < len(keys); {
		k, sum := keys[i]>>1, float32(0)
		for ; i < len(keys) && keys[i]>>1 == k; i++ {
			sum += float32(1 - 2*int(keys[i]&1))
		}
		if sum != 0 {
			idx, val = append(idx, k), append(val, sum)
		}
	}
	return vec.Sparse{Index: idx, Value: val}
}

// weight applies sublinear TF, IDF and L2 normalisation in place.
func (v *Vectorizer) weight(x vec.Sparse) {
	var norm float64
	for i, c := range x.Value {
		if v.schema.Sublinear {
			c = sublinear(c)
		}
		if v.schema.IDF {
			c *= v.idf[x.Index[i]]
		}
		x.Value[i] = c
		norm += float64(c) * float64(c)
	}
	if v.schema.L2 && norm > 0 {
		x.Scale(float32(1 / math.Sqrt(norm)))
	}
}

// logTable caches 1+ln(c) for the small counts that dominate real input.
var logTable = func() (t [64]float32) {
	for c := 1; c < len(t); c++ {
		t[c] = 1 + float32(math.Log(float64(c)))
	}
	return t
}()

func sublinear(c float32) float32 {
	a, neg := c, c < 0
	if neg {
		a = -c
	}
	r := float32(0)
	if a < float32(len(logTable)) {
		r = logTable[int(a)]
	} else {
		r = 1 + float32(math.Log(float64(a)))
	}
	if neg {
		return -r
	}
	return r
}
