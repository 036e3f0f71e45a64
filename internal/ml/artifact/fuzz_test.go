package artifact

import (
	"bytes"
	"errors"
	"runtime"
	"testing"
)

// fuzzLimits keep every accepted input small: the property under test is
// that Load never panics and never allocates much more than its input.
var fuzzLimits = Limits{MaxHeaderBytes: 64 << 10, MaxPayloadBytes: 1 << 20, MaxTensors: 64, MaxRank: 4}

func FuzzLoad(f *testing.F) {
	good := save(f, sample())
	f.Add(good)
	f.Add(good[:40])
	f.Add(flip(good, 30))
	f.Add([]byte(magic + "\x02\x00\x00\x00{}"))
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := LoadLimits(bytes.NewReader(b), "", fuzzLimits)
		if err != nil {
			return
		}
		// Whatever loads must save and load back the same.
		var buf bytes.Buffer
		if err := Save(&buf, a); err != nil {
			t.Fatalf("loaded artifact does not save: %v", err)
		}
		if _, err := LoadLimits(&buf, a.SchemaHash, fuzzLimits); err != nil {
			t.Fatalf("re-saved artifact does not load: %v", err)
		}
	})
}

// TestLoadAllocationIsBounded checks that a file claiming a 400 MiB payload
// but carrying none costs memory in proportion to its real size.
func TestLoadAllocationIsBounded(t *testing.T) {
	good := save(t, sample())
	payloadLen := len(good) - 12 - int(hlenOf(good))
	liar := reheader(t, good, func(h *header) {
		h.PayloadSize = 400 << 20
		h.Tensors = []tensorHeader{{Name: "w", DType: dtypeF32, Shape: []int{100 << 20}}}
	})
	liar = liar[:len(liar)-payloadLen]
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := Load(bytes.NewReader(liar), "")
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrTruncated) {
		t.Fatalf("err = %v, want truncated", err)
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 4<<20 {
		t.Errorf("allocated %d bytes for a %d-byte file", n, len(liar))
	}
}
