package normalize

import (
	"testing"
	"unicode/utf8"
)

// idempotent lists the transforms whose output is a fixed point.
var idempotent = map[string]bool{
	"plus_space": true, "latin1": true, "fullwidth": true, "path_clean": true, "mixed_case": true,
}

// FuzzTransforms checks every transform on arbitrary input: no panic,
// output at most twice the input (plus a little), "changed" honest, and a
// fixed point where the transform promises one.
func FuzzTransforms(f *testing.F) {
	for _, s := range []string{"%27%2", "%u003c%uD800", "..\xc0\xaf\xe0\x80\xae", "&lt;&#x3c;&#99999999;", "\\u003c\\x3", "/*!1a*//**/", "SeLeCt", "\uff1c", "a+b", "//./\\.."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		for _, tr := range table {
			out, changed := tr.Fn(in)
			if changed != (out != in) {
				t.Fatalf("%s: changed=%v but equality says otherwise for %q", tr.Name, changed, in)
			}
			if len(out) > 2*len(in)+4 {
				t.Fatalf("%s grew %d bytes to %d", tr.Name, len(in), len(out))
			}
			if tr.Name == "latin1" && !utf8.ValidString(out) {
				t.Fatalf("latin1 left invalid UTF-8: %q", out)
			}
			if idempotent[tr.Name] {
				if again, ch := tr.Fn(out); ch {
					t.Fatalf("%s not idempotent: %q → %q → %q", tr.Name, in, out, again)
				}
			}
		}
	})
}

// FuzzRun checks the pipeline: bounded output and trace, deterministic.
func FuzzRun(f *testing.F) {
	for _, s := range []string{"%252527", "a+%2B", "%u0025%u0032%u0037"} {
		f.Add(s, uint8(Form))
	}
	lim := DefaultLimits()
	f.Fuzz(func(t *testing.T, in string, k uint8) {
		kind := Kind(k)&anyKind | Text
		out, steps, _ := Run(in, kind, "p", lim, nil)
		if len(out) > lim.MaxOutputFactor*len(in)+64 || len(steps) > lim.MaxSteps {
			t.Fatalf("unbounded: %d → %d bytes, %d steps", len(in), len(out), len(steps))
		}
		if again, _, _ := Run(in, kind, "p", lim, nil); again != out {
			t.Fatal("not deterministic")
		}
	})
}
