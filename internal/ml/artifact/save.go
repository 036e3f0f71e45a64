package artifact

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"time"
)

// Save writes a in the artifact format. It validates the tensors first, so a
// file Save wrote always loads.
func Save(w io.Writer, a *Artifact) error {
	h, payload, err := encode(a)
	if err != nil {
		return fmt.Errorf("save artifact: %w", err)
	}
	if h.Checksum, err = h.checksum(payload); err != nil {
		return fmt.Errorf("save artifact: %w", err)
	}
	hb, err := json.Marshal(h)
	if err != nil {
		return fmt.Errorf("save artifact: %w", err)
	}
	if len(hb) > DefaultLimits.MaxHeaderBytes {
		return fmt.Errorf("save artifact: header of %d bytes: %w", len(hb), ErrTooLarge)
	}
	pre := make([]byte, len(magic)+4, len(magic)+4+len(hb))
	copy(pre, magic)
	binary.LittleEndian.PutUint32(pre[len(magic):], uint32(len(hb)))
	for _, b := range [][]byte{append(pre, hb...), payload} {
		if _, err := w.Write(b); err != nil {
			return fmt.Errorf("save artifact: %w", err)
		}
	}
	return nil
}

func encode(a *Artifact) (header, []byte, error) {
	h := header{
		Format: FormatVersion, Kind: a.Kind, SchemaHash: a.SchemaHash,
		Classes: a.Classes, Metadata: a.Metadata, Tensors: []tensorHeader{},
	}
	if h.Classes == nil {
		h.Classes = []string{}
	}
	if !a.CreatedAt.IsZero() {
		h.CreatedAt = a.CreatedAt.UTC().Format(time.RFC3339Nano)
	}
	var payload []byte
	seen := map[string]bool{}
	for _, t := range a.Tensors {
		th, err := describe(t)
		if err == nil && seen[t.Name] {
			err = fmt.Errorf("duplicate tensor %q", t.Name)
		}
		if err != nil {
			return h, nil, err
		}
		seen[t.Name] = true
		h.Tensors = append(h.Tensors, th)
		payload = appendData(payload, t)
	}
	h.PayloadSize = int64(len(payload))
	return h, payload, nil
}

// describe returns the table entry of t after checking it is well formed.
func describe(t Tensor) (tensorHeader, error) {
	th := tensorHeader{Name: t.Name, Shape: t.Shape}
	if th.Shape == nil {
		th.Shape = []int{}
	}
	set, n := 0, 0
	if t.F32 != nil {
		set, n, th.DType = set+1, len(t.F32), dtypeF32
	}
	if t.F64 != nil {
		set, n, th.DType = set+1, len(t.F64), dtypeF64
	}
	if t.I64 != nil {
		set, n, th.DType = set+1, len(t.I64), dtypeI64
	}
	if t.I8 != nil {
		set, n, th.DType = set+1, len(t.I8), dtypeI8
	}
	prod := 1
	for _, d := range t.Shape {
		prod *= d
	}
	switch {
	case t.Name == "":
		return th, errors.New("tensor without a name")
	case set != 1:
		return th, fmt.Errorf("tensor %q must hold exactly one data slice", t.Name)
	case prod != n:
		return th, fmt.Errorf("tensor %q: shape %v holds %d values, data has %d", t.Name, t.Shape, prod, n)
	}
	return th, nil
}

func appendData(b []byte, t Tensor) []byte {
	le := binary.LittleEndian
	for _, v := range t.F32 {
		b = le.AppendUint32(b, math.Float32bits(v))
	}
	for _, v := range t.F64 {
		b = le.AppendUint64(b, math.Float64bits(v))
	}
	for _, v := range t.I64 {
		b = le.AppendUint64(b, uint64(v))
	}
	for _, v := range t.I8 {
		b = append(b, byte(v))
	}
	return b
}
