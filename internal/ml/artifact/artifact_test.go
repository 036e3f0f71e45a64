package artifact

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

const schemaA = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

func sample() *Artifact {
	return &Artifact{
		Kind: "linear.softmax", SchemaHash: schemaA,
		Classes:   []string{"benign", "malicious"},
		Metadata:  map[string]string{"dataset": "synthetic"},
		CreatedAt: time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC),
		Tensors: []Tensor{
			{Name: "w", Shape: []int{2, 3}, F32: []float32{1, -2, 3.5, 0, 1e-30, -7}},
			{Name: "t", Shape: []int{}, F64: []float64{1.25}},
			{Name: "idx", Shape: []int{3}, I64: []int64{-1, 0, 1 << 40}},
			{Name: "q", Shape: []int{2, 2}, I8: []int8{-128, -1, 0, 127}},
			{Name: "empty", Shape: []int{0}, F32: []float32{}},
		},
	}
}

func save(t testing.TB, a *Artifact) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Save(&buf, a); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestRoundTrip(t *testing.T) {
	want := sample()
	got, err := Load(bytes.NewReader(save(t, want)), schemaA)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip differs:\n got %+v\nwant %+v", got, want)
	}
	t.Run("saving twice gives identical bytes", func(t *testing.T) {
		if !bytes.Equal(save(t, want), save(t, got)) {
			t.Error("bytes differ")
		}
	})
}

func TestLoadRejects(t *testing.T) {
	good := save(t, sample())
	hlen := int(binary.LittleEndian.Uint32(good[8:]))
	tests := []struct {
		name    string
		file    func() []byte
		expect  string
		wantErr error
	}{
		{"flipped payload bit", func() []byte { return flip(good, len(good)-3) }, schemaA, ErrChecksum},
		{"edited class name", func() []byte { return replace(good, "malicious", "maliciouz") }, schemaA, ErrChecksum},
		{"other feature schema", func() []byte { return good }, strings.Repeat("b", 64), ErrSchema},
		{"unknown format version", func() []byte { return replace(good, `"format":1`, `"format":9`) }, schemaA, ErrFormatVersion},
		{"not an artifact", func() []byte { return []byte("PK\x03\x04 zip file") }, schemaA, ErrNotArtifact},
		{"header length over the limit", func() []byte { return withHeaderLen(good, 1<<30) }, schemaA, ErrTooLarge},
		{"unknown header field", func() []byte { return replace(good, `"kind"`, `"kinx"`) }, schemaA, ErrMalformed},
		{"data after the payload", func() []byte { return append(bytes.Clone(good), 0) }, schemaA, ErrMalformed},
		{"payload size over the limit", func() []byte { return reheader(t, good, func(h *header) { h.PayloadSize = 1 << 40 }) }, schemaA, ErrTooLarge},
		{"shape claims huge tensor", func() []byte {
			return reheader(t, good, func(h *header) { h.Tensors[0].Shape = []int{1 << 31, 1 << 31, 1 << 31} })
		}, schemaA, ErrTooLarge},
		{"tensor table disagrees with payload", func() []byte {
			return reheader(t, good, func(h *header) { h.Tensors[0].Shape = []int{1} })
		}, schemaA, ErrMalformed},
		{"header cut short", func() []byte { return good[:12+hlen/2] }, schemaA, ErrTruncated},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(bytes.NewReader(tc.file()), tc.expect)
			if !errors.Is(err, tc.wantErr) {
				t.Errorf("err = %v, want %v", err, tc.wantErr)
			}
		})
	}
}

func TestSchemaMismatchMessage(t *testing.T) {
	_, err := Load(bytes.NewReader(save(t, sample())), strings.Repeat("b", 64))
	var sm *SchemaMismatchError
	if !errors.As(err, &sm) || sm.Model != schemaA {
		t.Fatalf("err = %v", err)
	}
	for _, want := range []string{"trained with feature schema aaaaaaaaaaaaaaaa", "this build computes bbbbbbbbbbbbbbbb", "vigil train"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q lacks %q", err, want)
		}
	}
}

func TestEveryTruncationFails(t *testing.T) {
	good := save(t, sample())
	for n := range len(good) {
		if _, err := Load(bytes.NewReader(good[:n]), schemaA); err == nil {
			t.Fatalf("prefix of %d/%d bytes loaded", n, len(good))
		}
	}
}

func TestSaveRejectsBadTensors(t *testing.T) {
	tests := []struct {
		name string
		t    Tensor
	}{
		{"no name", Tensor{Shape: []int{1}, F32: []float32{1}}},
		{"two data slices", Tensor{Name: "x", Shape: []int{1}, F32: []float32{1}, I64: []int64{1}}},
		{"no data", Tensor{Name: "x", Shape: []int{1}}},
		{"shape disagrees", Tensor{Name: "x", Shape: []int{2}, F32: []float32{1}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := Save(&bytes.Buffer{}, &Artifact{Tensors: []Tensor{tc.t}}); err == nil {
				t.Error("saved")
			}
		})
	}
}

func flip(b []byte, i int) []byte {
	c := bytes.Clone(b)
	c[i] ^= 1
	return c
}

func replace(b []byte, old, repl string) []byte {
	return bytes.Replace(bytes.Clone(b), []byte(old), []byte(repl), 1)
}

func withHeaderLen(b []byte, n uint32) []byte {
	c := bytes.Clone(b)
	binary.LittleEndian.PutUint32(c[8:], n)
	return c
}

// reheader rewrites the header JSON (keeping the payload) to craft files
// that a checksum alone would not stop: the table checks run before it.
func reheader(t *testing.T, b []byte, edit func(*header)) []byte {
	t.Helper()
	n := binary.LittleEndian.Uint32(b[8:])
	var h header
	if err := json.Unmarshal(b[12:12+n], &h); err != nil {
		t.Fatal(err)
	}
	edit(&h)
	hb, _ := json.Marshal(h)
	out := append([]byte(magic), 0, 0, 0, 0)
	binary.LittleEndian.PutUint32(out[8:], uint32(len(hb)))
	return append(append(out, hb...), b[12+n:]...)
}

func hlenOf(b []byte) uint32 { return binary.LittleEndian.Uint32(b[8:]) }

func TestSaveFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "m.vgm")
	if err := SaveFile(path, sample()); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := Load(f, schemaA); err != nil {
		t.Fatalf("saved file does not load: %v", err)
	}
	if _, err := os.Stat(path + ".tmp"); !os.IsNotExist(err) {
		t.Error("temporary file left behind")
	}
	bad := &Artifact{Kind: "x", Tensors: []Tensor{{Name: ""}}}
	if err := SaveFile(filepath.Join(t.TempDir(), "bad.vgm"), bad); err == nil {
		t.Error("invalid artifact saved")
	}
}
