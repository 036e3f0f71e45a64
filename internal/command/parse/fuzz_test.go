package parse

import (
	"testing"
	"time"
)

// FuzzParse checks that any input parses without panicking, quickly, and
// with a residual bounded by a small multiple of the input.
func FuzzParse(f *testing.F) {
	for _, tc := range parseCases {
		f.Add(tc.line)
	}
	for _, s := range benchLines {
		f.Add(s)
	}
	f.Add("$($($(`(((({{{{'\"")
	f.Add("\xff\x00\xfe HKLM:\\ \\\\ %A%\\ ::1 0x 1.2.3.4:")
	f.Fuzz(func(t *testing.T, line string) {
		start := time.Now()
		c := Parse(line)
		if d := time.Since(start); d > 2*time.Second {
			t.Fatalf("parse took %v for %d bytes", d, len(line))
		}
		n := min(len(line), MaxInput)
		if len(c.Residual) > 4*n+16 {
			t.Fatalf("residual %d bytes for %d input bytes", len(c.Residual), n)
		}
		if len(c.Normalized) > n {
			t.Fatalf("normalized %d bytes longer than input %d", len(c.Normalized), n)
		}
		if c.Platform != "linux" && c.Platform != "windows" && c.Platform != "unknown" {
			t.Fatalf("platform %q", c.Platform)
		}
	})
}
