package features

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	mlfeatures "github.com/vigilsec/vigil/internal/ml/features"
)

// tokenVersion names the token vocabulary of AppendTokens; bump it when
// the tokens change.
const tokenVersion = "http-tokens-v2"

// MaxTextBytes bounds the decoded text hashed per request (and read by the
// CNN): longer requests are truncated for the models, though every part is
// still normalised and reported.
const MaxTextBytes = 8 << 10

// Schema fixes the feature layout of one model.
type Schema struct {
	Text   mlfeatures.Schema
	Tokens mlfeatures.Schema
}

// NewSchema returns the HTTP schema with 2^textBits text buckets and
// 2^tokenBits token buckets: char_wb 2–5-grams and word 1–2-grams,
// lower-cased, signed, sublinear TF, L2.
func NewSchema(name string, textBits, tokenBits int) Schema {
	return Schema{
		Text: mlfeatures.Schema{
			Name: name + "/text", Version: 1, HashBits: textBits,
			CharMin: 2, CharMax: 5, CharWordBoundary: true, WordMin: 1, WordMax: 2,
			Lowercase: true, Signed: true, Sublinear: true, L2: true, MaxInputBytes: MaxTextBytes,
		},
		Tokens: mlfeatures.Schema{
			Name: name + "/tokens", Version: 1, HashBits: tokenBits,
			WordMin: 1, WordMax: 1, Signed: true, L2: true, MaxInputBytes: 4 << 10,
		},
	}
}

// Dim is the width of the vectors: the text block, then the token block.
func (s Schema) Dim() int { return s.Text.Dim() + s.Tokens.Dim() }

// Hash is the feature-schema hash stored in model artifacts.
func (s Schema) Hash() string {
	d := sha256.Sum256([]byte(s.Text.Canonical() + "\n--\n" + s.Tokens.Canonical() + "\n--\n" + tokenVersion))
	return hex.EncodeToString(d[:])
}

// Validate checks both blocks.
func (s Schema) Validate() error {
	if err := s.Text.Validate(); err != nil {
		return fmt.Errorf("text features: %w", err)
	}
	if err := s.Tokens.Validate(); err != nil {
		return fmt.Errorf("token features: %w", err)
	}
	return nil
}
