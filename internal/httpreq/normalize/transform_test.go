package normalize

import (
	"encoding/json"
	"os"
	"testing"
)

type vector struct {
	Transform string `json:"transform"`
	In        string `json:"in"`
	Out       string `json:"out"`
}

// TestVectors runs the shared vectors in testdata/vectors.json.
func TestVectors(t *testing.T) {
	b, err := os.ReadFile("testdata/vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var vs []vector
	if err := json.Unmarshal(b, &vs); err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		t.Run(v.Transform+"/"+v.In, func(t *testing.T) {
			tr, ok := Lookup(v.Transform)
			if !ok {
				t.Fatalf("no transform %q", v.Transform)
			}
			got, changed := tr.Fn(v.In)
			if got != v.Out || changed != (v.In != v.Out) {
				t.Errorf("%s(%q) = %q, %v; want %q", v.Transform, v.In, got, changed, v.Out)
			}
		})
	}
}

// TestByteLevel covers inputs that are not valid UTF-8, which JSON vectors
// cannot hold.
func TestByteLevel(t *testing.T) {
	tests := []struct {
		name    string
		fn      func(string) (string, bool)
		in, out string
	}{
		{"overlong slash", OverlongUTF8, "..\xc0\xaf..\xc0\xafetc", "../../etc"},
		{"overlong dot three bytes", OverlongUTF8, "\xe0\x80\xae", "."},
		{"overlong leaves other bytes", OverlongUTF8, "a\xffb", "a\xffb"},
		{"latin1 n tilde", Latin1, "A\xf1adir", "Añadir"},
		{"latin1 keeps valid UTF-8", Latin1, "ñ\xe9", "ñé"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, _ := tt.fn(tt.in); got != tt.out {
				t.Errorf("got %q, want %q", got, tt.out)
			}
		})
	}
}

func TestRun(t *testing.T) {
	lim := DefaultLimits()
	tests := []struct {
		name, in string
		kind     Kind
		out      string
		steps    []string
		limit    string
	}{
		{"double encoded quote in a form value", "id=1%2527+or+1%253D1", Form, "id=1' or 1=1",
			[]string{"plus_space", "url_decode", "url_decode"}, ""},
		{"plus stays after decoding", "a=%2B1", Form, "a=+1", []string{"url_decode"}, ""},
		{"plus is literal in a path", "/a+b", Path, "/a+b", nil, ""},
		{"overlong traversal", "/..%c0%af..%c0%afetc/passwd", Path, "/../../etc/passwd", []string{"url_decode", "overlong_utf8"}, ""},
		{"entity inside percent-encoding", "q=%26lt%3Bscript%26gt%3B", Form, "q=<script>", []string{"url_decode", "html_entity"}, ""},
		{"nesting past the pass limit", "%25252525252541", Form, "%252541", []string{"url_decode", "url_decode", "url_decode", "url_decode"}, LimitPasses},
		{"clean value", "name=ana", Form, "name=ana", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, steps, limit := Run(tt.in, tt.kind, "p", lim, nil)
			var names []string
			for _, s := range steps {
				names = append(names, s.Transform)
			}
			if out != tt.out || limit != tt.limit || !equal(names, tt.steps) {
				t.Errorf("Run(%q) = %q %v %q; want %q %v %q", tt.in, out, names, limit, tt.out, tt.steps, tt.limit)
			}
		})
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
