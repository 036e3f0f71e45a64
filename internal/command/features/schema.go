package features

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	mlfeatures "github.com/vigilsec/vigil/internal/ml/features"
)

// tokenVersion names the token vocabulary produced by Tokens; bump it
// whenever Tokens changes what it emits.
const tokenVersion = "command-tokens-v1"

// maxViewBytes bounds the text hashed per view: longer lines are truncated
// (the token block still sees the whole analysis).
const maxViewBytes = 4096

// Schema fixes the feature layout of one model.
type Schema struct {
	Text   mlfeatures.Schema
	Tokens mlfeatures.Schema
}

// NewSchema returns the command schema with 2^textBits text buckets and
// 2^tokenBits token buckets.
func NewSchema(name string, textBits, tokenBits int) Schema {
	return Schema{
		Text: mlfeatures.Schema{
			Name: name + "/text", Version: 1, HashBits: textBits,
			CharMin: 2, CharMax: 5, CharWordBoundary: true, WordMin: 1, WordMax: 2,
			Lowercase: true, Signed: true, Sublinear: true, L2: true, MaxInputBytes: 2 * maxViewBytes,
		},
		Tokens: mlfeatures.Schema{
			Name: name + "/tokens", Version: 1, HashBits: tokenBits,
			WordMin: 1, WordMax: 1, Signed: true, L2: true, MaxInputBytes: 16 << 10,
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
