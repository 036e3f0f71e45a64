package features

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/vigilsec/vigil/internal/httpreq/normalize"
	mlfeatures "github.com/vigilsec/vigil/internal/ml/features"
	"github.com/vigilsec/vigil/internal/ml/vec"
)

// Featurizer vectorises normalised requests under one Schema. It keeps
// scratch space and must not be shared between goroutines.
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

// Vector writes the features of the request text and its normalisation
// into dst (reusing its arrays) and returns it.
func (f *Featurizer) Vector(text string, res *normalize.Result, dst vec.Sparse) vec.Sparse {
	f.tv = f.text.Transform(text, f.tv)
	f.buf = AppendTokens(f.buf[:0], res)
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

// Text is what the models read: the decoded request, capped at
// MaxTextBytes.
func Text(res *normalize.Result) string {
	s := res.Decoded()
	if len(s) > MaxTextBytes {
		s = s[:MaxTextBytes]
	}
	return s
}

// AppendTokens appends the symbolic facts of a normalisation to dst as
// space-separated words of [a-z0-9_]: each transform that ran,
// the deepest percent-decoding of any part and the limits hit.
func AppendTokens(dst []byte, res *normalize.Result) []byte {
	deepest, run, part := 0, 0, ""
	for _, s := range res.Steps { // steps come grouped by part
		if s.Part != part {
			part, run = s.Part, 0
		}
		if s.Transform == "url_decode" {
			run++
			deepest = max(deepest, run)
		}
		dst = append(dst, " t_"...)
		dst = append(dst, s.Transform...)
	}
	if deepest > 1 {
		dst = append(dst, " layers_"...)
		dst = strconv.AppendInt(dst, int64(deepest), 10)
	}
	for _, l := range res.Limits {
		_, name, _ := strings.Cut(l, ":")
		dst = append(dst, " lim_"...)
		dst = append(dst, name...)
	}
	return dst
}
