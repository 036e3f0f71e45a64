package features

import (
	"fmt"

	"github.com/vigilsec/vigil/internal/command"
	mlfeatures "github.com/vigilsec/vigil/internal/ml/features"
	"github.com/vigilsec/vigil/internal/ml/vec"
)

// View selects the text a vector hashes.
type View int

const (
	// Both hashes the raw line and, when deobfuscation changed it, the
	// deobfuscated line (Tier 1).
	Both View = iota
	// Raw hashes the line as received.
	Raw
	// Decoded hashes the deobfuscated line.
	Decoded
)

// Featurizer vectorises analyses under one Schema. It keeps scratch space
// and must not be shared between goroutines.
type Featurizer struct {
	schema       Schema
	text, tokens *mlfeatures.Vectorizer
	buf          []byte
	tv, kv       vec.Sparse
}

// NewFeaturizer returns a featurizer for s.
func NewFeaturizer(s Schema) (*Featurizer, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	text, err := mlfeatures.NewVectorizer(s.Text, nil)
	if err != nil {
		return nil, fmt.Errorf("text features: %w", err)
	}
	tokens, err := mlfeatures.NewVectorizer(s.Tokens, nil)
	if err != nil {
		return nil, fmt.Errorf("token features: %w", err)
	}
	return &Featurizer{schema: s, text: text, tokens: tokens}, nil
}

// Schema returns the featurizer's schema.
func (f *Featurizer) Schema() Schema { return f.schema }

// Vector writes the features of a under view v into dst (reusing its
// arrays) and returns it.
func (f *Featurizer) Vector(a *command.Analysis, v View, dst vec.Sparse) vec.Sparse {
	f.buf = appendView(f.buf[:0], a, v)
	f.tv = f.text.Transform(string(f.buf), f.tv)
	f.buf = AppendTokens(f.buf[:0], a)
	f.kv = f.tokens.Transform(string(f.buf), f.kv)
	off := uint32(f.schema.Text.Dim())
	dst.Index = append(dst.Index[:0], f.tv.Index...)
	dst.Value = append(dst.Value[:0], f.tv.Value...)
	for i, j := range f.kv.Index {
		dst.Index = append(dst.Index, j+off)
		dst.Value = append(dst.Value, f.kv.Value[i])
	}
	return dst
}

// Text returns the text view v of a, as hashed by Vector.
func Text(a *command.Analysis, v View) string { return string(appendView(nil, a, v)) }

func appendView(dst []byte, a *command.Analysis, v View) []byte {
	raw, deob := a.Command, a.Deobfuscation.Deobfuscated
	switch {
	case v == Decoded:
		return appendCapped(dst, deob)
	case v == Raw || !a.Deobfuscation.Changed:
		return appendCapped(dst, raw)
	}
	dst = appendCapped(dst, raw)
	dst = append(dst, '\n')
	return appendCapped(dst, deob)
}

func appendCapped(dst []byte, s string) []byte {
	if len(s) > maxViewBytes {
		s = s[:maxViewBytes]
	}
	return append(dst, s...)
}
