package artifact

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"time"
)

// Limits bound what Load will read. Each stops a hostile or corrupt file
// from making the loader allocate or hash more than a real model needs.
type Limits struct {
	MaxHeaderBytes  int   // JSON header; real ones are a few KiB
	MaxPayloadBytes int64 // all tensor data; 2^24 buckets × 8 classes × f32 = 512 MiB
	MaxTensors      int
	MaxRank         int
}

// DefaultLimits fit every model vigil trains with room to spare.
var DefaultLimits = Limits{MaxHeaderBytes: 1 << 20, MaxPayloadBytes: 512 << 20, MaxTensors: 4096, MaxRank: 4}

// Load reads an artifact with DefaultLimits and checks that it was trained
// under expectSchemaHash. An empty expectSchemaHash skips that check (for
// inspection tools only: a detector must always pass its schema hash).
func Load(r io.Reader, expectSchemaHash string) (*Artifact, error) {
	return LoadLimits(r, expectSchemaHash, DefaultLimits)
}

// LoadLimits is Load with explicit limits.
func LoadLimits(r io.Reader, expectSchemaHash string, lim Limits) (*Artifact, error) {
	a, err := load(r, expectSchemaHash, lim)
	if err != nil {
		return nil, fmt.Errorf("load artifact: %w", err)
	}
	return a, nil
}

func load(r io.Reader, expect string, lim Limits) (*Artifact, error) {
	h, err := readHeader(r, lim)
	if err != nil {
		return nil, err
	}
	payload, err := readPayload(r, h.PayloadSize)
	if err != nil {
		return nil, err
	}
	if sum, err := h.checksum(payload); err != nil || sum != h.Checksum {
		return nil, ErrChecksum
	}
	if expect != "" && h.SchemaHash != expect {
		return nil, &SchemaMismatchError{Model: h.SchemaHash, Build: expect}
	}
	return decode(h, payload)
}

func readHeader(r io.Reader, lim Limits) (header, error) {
	var h header
	pre := make([]byte, len(magic)+4)
	if _, err := io.ReadFull(r, pre); err != nil {
		return h, fmt.Errorf("%w: %w", ErrNotArtifact, err)
	}
	if string(pre[:len(magic)]) != magic {
		return h, ErrNotArtifact
	}
	n := binary.LittleEndian.Uint32(pre[len(magic):])
	if int64(n) > int64(lim.MaxHeaderBytes) {
		return h, fmt.Errorf("header of %d bytes: %w", n, ErrTooLarge)
	}
	hb := make([]byte, n)
	if _, err := io.ReadFull(r, hb); err != nil {
		return h, fmt.Errorf("header: %w", ErrTruncated)
	}
	dec := json.NewDecoder(bytes.NewReader(hb))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&h); err != nil {
		return h, fmt.Errorf("%w: header: %w", ErrMalformed, err)
	}
	if h.Format != FormatVersion {
		return h, fmt.Errorf("%w %d (this build reads %d)", ErrFormatVersion, h.Format, FormatVersion)
	}
	return h, checkTable(h, lim)
}

// checkTable verifies the tensor table against the limits and the declared
// payload size before any payload byte is read.
func checkTable(h header, lim Limits) error {
	if len(h.Tensors) > lim.MaxTensors {
		return fmt.Errorf("%d tensors: %w", len(h.Tensors), ErrTooLarge)
	}
	if h.PayloadSize < 0 || h.PayloadSize > lim.MaxPayloadBytes {
		return fmt.Errorf("payload of %d bytes: %w", h.PayloadSize, ErrTooLarge)
	}
	var total int64
	for _, t := range h.Tensors {
		n, err := t.byteSize(lim)
		if err != nil {
			return err
		}
		if total += n; total > h.PayloadSize {
			return fmt.Errorf("%w: tensors need more than the %d-byte payload", ErrMalformed, h.PayloadSize)
		}
	}
	if total != h.PayloadSize {
		return fmt.Errorf("%w: tensors cover %d of %d payload bytes", ErrMalformed, total, h.PayloadSize)
	}
	return nil
}

// readPayload reads exactly size bytes (already bounded by the limits) and
// then expects EOF. Memory grows with the bytes actually present, so a short
// file that claims a huge payload costs no more than its real length.
func readPayload(r io.Reader, size int64) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(int(min(size, 1<<20)))
	if n, err := io.CopyN(&buf, r, size); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("payload: got %d of %d bytes: %w", n, size, ErrTruncated)
		}
		return nil, fmt.Errorf("payload: %w", err)
	}
	var one [1]byte
	if n, _ := io.ReadFull(r, one[:]); n != 0 {
		return nil, fmt.Errorf("%w: data after the payload", ErrMalformed)
	}
	return buf.Bytes(), nil
}

func decode(h header, payload []byte) (*Artifact, error) {
	a := &Artifact{Kind: h.Kind, SchemaHash: h.SchemaHash, Classes: h.Classes, Metadata: h.Metadata}
	if h.CreatedAt != "" {
		t, err := time.Parse(time.RFC3339Nano, h.CreatedAt)
		if err != nil {
			return nil, fmt.Errorf("%w: created_at: %w", ErrMalformed, err)
		}
		a.CreatedAt = t
	}
	seen := map[string]bool{}
	for _, th := range h.Tensors {
		if th.Name == "" || seen[th.Name] {
			return nil, fmt.Errorf("%w: tensor name %q empty or repeated", ErrMalformed, th.Name)
		}
		seen[th.Name] = true
		var t Tensor
		t, payload = readTensor(th, payload)
		a.Tensors = append(a.Tensors, t)
	}
	return a, nil
}

// readTensor consumes one tensor's bytes; checkTable guaranteed they exist.
func readTensor(th tensorHeader, p []byte) (Tensor, []byte) {
	t := Tensor{Name: th.Name, Shape: th.Shape}
	le := binary.LittleEndian
	n := 1
	for _, d := range th.Shape {
		n *= d
	}
	switch th.DType {
	case dtypeF32:
		t.F32 = make([]float32, n)
		for i := range t.F32 {
			t.F32[i] = math.Float32frombits(le.Uint32(p[4*i:]))
		}
		return t, p[4*n:]
	case dtypeI8:
		t.I8 = make([]int8, n)
		for i := range t.I8 {
			t.I8[i] = int8(p[i])
		}
		return t, p[n:]
	case dtypeF64:
		t.F64 = make([]float64, n)
		for i := range t.F64 {
			t.F64[i] = math.Float64frombits(le.Uint64(p[8*i:]))
		}
	default:
		t.I64 = make([]int64, n)
		for i := range t.I64 {
			t.I64[i] = int64(le.Uint64(p[8*i:]))
		}
	}
	return t, p[8*n:]
}
