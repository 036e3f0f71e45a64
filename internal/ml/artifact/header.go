package artifact

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"math"
)

// Element types in the tensor table.
const (
	dtypeF32 = "f32"
	dtypeF64 = "f64"
	dtypeI64 = "i64"
	dtypeI8  = "i8"
)

// header is the JSON header. Field order is fixed by the struct, so
// json.Marshal gives the canonical encoding the checksum covers.
type header struct {
	Format      int               `json:"format"`
	Kind        string            `json:"kind"`
	SchemaHash  string            `json:"schema_hash"`
	Classes     []string          `json:"classes"`
	Metadata    map[string]string `json:"metadata,omitempty"`
	CreatedAt   string            `json:"created_at,omitempty"`
	PayloadSize int64             `json:"payload_size"`
	Tensors     []tensorHeader    `json:"tensors"`
	Checksum    string            `json:"sha256"`
}

type tensorHeader struct {
	Name  string `json:"name"`
	DType string `json:"dtype"`
	Shape []int  `json:"shape"`
}

func elemSize(dtype string) int64 {
	switch dtype {
	case dtypeF32:
		return 4
	case dtypeI8:
		return 1
	}
	return 8
}

// checksum returns the hex sha256 of the header with an empty checksum
// field followed by the payload.
func (h header) checksum(payload []byte) (string, error) {
	h.Checksum = ""
	b, err := json.Marshal(h)
	if err != nil {
		return "", err
	}
	d := sha256.New()
	d.Write(b)
	d.Write(payload)
	return fmt.Sprintf("%x", d.Sum(nil)), nil
}

// byteSize returns the payload bytes of a tensor, or an error if its shape is
// invalid or the size would exceed limit (checked without overflow).
func (t tensorHeader) byteSize(lim Limits) (int64, error) {
	if t.DType != dtypeF32 && t.DType != dtypeF64 && t.DType != dtypeI64 && t.DType != dtypeI8 {
		return 0, fmt.Errorf("tensor %q: unknown dtype %q", t.Name, t.DType)
	}
	if len(t.Shape) > lim.MaxRank {
		return 0, fmt.Errorf("tensor %q: rank %d over limit %d", t.Name, len(t.Shape), lim.MaxRank)
	}
	n := elemSize(t.DType)
	for _, d := range t.Shape {
		if d < 0 || (d > 0 && n > math.MaxInt64/int64(d)) || n*int64(d) > lim.MaxPayloadBytes {
			return 0, fmt.Errorf("tensor %q: shape %v: %w", t.Name, t.Shape, ErrTooLarge)
		}
		n *= int64(d)
	}
	return n, nil
}
