package deobfuscate

import (
	"testing"
	"unicode/utf8"
)

// transformCase is one row of a transform's table test.
type transformCase struct {
	name    string
	in      string
	want    string
	changed bool
}

// runTransformTable checks fn against a table: output and changed flag.
func runTransformTable(t *testing.T, fn func(string) (string, bool), cases []transformCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, changed := fn(tc.in)
			if changed != tc.changed {
				t.Errorf("changed = %v, want %v (out %q)", changed, tc.changed, got)
			}
			if got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
			if !changed && got != tc.in {
				t.Errorf("unchanged result must return the input, got %q", got)
			}
		})
	}
}

// fuzzTransform checks the properties every transform must keep on any
// input: no panic, output bounded, "unchanged" really means unchanged.
func fuzzTransform(f *testing.F, fn func(string) (string, bool), seeds ...string) {
	f.Helper()
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out, changed := fn(in)
		if !changed && out != in {
			t.Fatalf("changed=false but output differs: %q -> %q", in, out)
		}
		if changed && !bounded(in, out) {
			t.Fatalf("output not bounded: %d bytes from %d", len(out), len(in))
		}
		_ = utf8.ValidString(out)
	})
}

// benchTransform runs fn on a fixed input.
func benchTransform(b *testing.B, fn func(string) (string, bool), in string) {
	b.ReportAllocs()
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		fn(in)
	}
}

func TestBareBase64(t *testing.T) {
	runTransformTable(t, BareBase64, []transformCase{
		{"utf16le", "ZABpAHIAIABDADoAXAA=", `dir C:\`, true},
		{"utf8", "d2hvYW1pIC9hbGw=", "whoami /all", true},
		{"not base64", "whoami /all", "whoami /all", false},
		{"too short", "YWJj", "YWJj", false},
		{"binary payload", "AAECAwQFBgcICQ==", "AAECAwQFBgcICQ==", false},
		{"plain word of base64 letters", "Administrator", "Administrator", false},
	})
}

func FuzzBareBase64(f *testing.F) {
	fuzzTransform(f, BareBase64, "ZABpAHIAIABDADoAXAA=", "d2hvYW1pIC9hbGw=", "====")
}

func BenchmarkBareBase64(b *testing.B) { benchTransform(b, BareBase64, "ZABpAHIAIABDADoAXAA=") }
