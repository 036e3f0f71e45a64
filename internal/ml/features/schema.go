package features

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// algorithm names the tokenisation and hashing code. Change it whenever the
// code (not the configuration) changes the vectors it produces, so that every
// schema hash changes with it and stale models refuse to load.
const algorithm = "vigil-hash-v1:fnv1a64-runes+splitmix64;ws-collapse;tok=alnum_"

// Limits on the schema values; they bound memory and the per-event cost.
const (
	MinHashBits = 4
	MaxHashBits = 24 // 16M buckets: 64 MiB of float32 weights per class
	MaxCharN    = 8
	MaxWordN    = 3
)

// Schema describes a feature pipeline completely. Two pipelines with equal
// schemas produce identical vectors for identical input.
type Schema struct {
	Name             string   // what the features describe, e.g. "command-line"
	Version          int      // bump when the meaning of the features changes
	HashBits         int      // the hashed space has 1<<HashBits buckets; 0 means no text features
	CharMin, CharMax int      // character n-gram lengths; CharMax 0 disables them
	CharWordBoundary bool     // n-grams only inside space-padded words (char_wb)
	WordMin, WordMax int      // word n-gram lengths; WordMax 0 disables them
	Lowercase        bool     // fold case before hashing
	Signed           bool     // signed hashing: each n-gram adds ±1
	Sublinear        bool     // tf → sign(tf)·(1+ln|tf|)
	IDF              bool     // multiply by IDF weights fitted on training data
	L2               bool     // scale each vector to unit Euclidean norm
	MaxInputBytes    int      // longer input is truncated (bounds CPU per event)
	Dense            []string // names of hand-made dense features, in column order
}

// Dim returns the size of the hashed space.
func (s Schema) Dim() int {
	if s.HashBits == 0 {
		return 0
	}
	return 1 << s.HashBits
}

// Validate reports the first inconsistent setting.
func (s Schema) Validate() error {
	text := s.CharMax > 0 || s.WordMax > 0
	switch {
	case text && (s.HashBits < MinHashBits || s.HashBits > MaxHashBits):
		return fmt.Errorf("hash bits %d outside [%d, %d]", s.HashBits, MinHashBits, MaxHashBits)
	case s.CharMax > 0 && (s.CharMin < 1 || s.CharMin > s.CharMax || s.CharMax > MaxCharN):
		return fmt.Errorf("char n-gram range [%d, %d] invalid (max %d)", s.CharMin, s.CharMax, MaxCharN)
	case s.WordMax > 0 && (s.WordMin < 1 || s.WordMin > s.WordMax || s.WordMax > MaxWordN):
		return fmt.Errorf("word n-gram range [%d, %d] invalid (max %d)", s.WordMin, s.WordMax, MaxWordN)
	case text && s.MaxInputBytes <= 0:
		return errors.New("max input bytes must be positive")
	case !text && len(s.Dense) == 0:
		return errors.New("schema has neither text nor dense features")
	}
	return nil
}

// Canonical returns the canonical encoding that Hash digests: one key=value
// line per field in a fixed order, strings quoted.
func (s Schema) Canonical() string {
	var b strings.Builder
	kv := func(k, v string) { b.WriteString(k + "=" + v + "\n") }
	kv("algorithm", strconv.Quote(algorithm))
	kv("name", strconv.Quote(s.Name))
	kv("version", strconv.Itoa(s.Version))
	kv("hash_bits", strconv.Itoa(s.HashBits))
	kv("char", fmt.Sprintf("%d-%d wb=%t", s.CharMin, s.CharMax, s.CharWordBoundary))
	kv("word", fmt.Sprintf("%d-%d", s.WordMin, s.WordMax))
	kv("flags", fmt.Sprintf("lower=%t signed=%t sublinear=%t idf=%t l2=%t",
		s.Lowercase, s.Signed, s.Sublinear, s.IDF, s.L2))
	kv("max_input_bytes", strconv.Itoa(s.MaxInputBytes))
	for i, d := range s.Dense {
		kv("dense."+strconv.Itoa(i), strconv.Quote(d))
	}
	return b.String()
}

// Hash returns the hex sha256 of Canonical: the feature-schema hash.
func (s Schema) Hash() string {
	sum := sha256.Sum256([]byte(s.Canonical()))
	return hex.EncodeToString(sum[:])
}

// DefaultText returns the schema vigil's text detectors start from: char_wb
// 1–5-grams and word 1–2-grams in 2^18 buckets with sublinear TF-IDF and L2.
func DefaultText(name string) Schema {
	return Schema{
		Name: name, Version: 1, HashBits: 18,
		CharMin: 1, CharMax: 5, CharWordBoundary: true,
		WordMin: 1, WordMax: 2,
		Lowercase: true, Signed: true, Sublinear: true, IDF: true, L2: true,
		MaxInputBytes: 8 << 10,
	}
}
