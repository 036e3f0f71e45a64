package features

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vigilsec/vigil/internal/httpreq"
	"github.com/vigilsec/vigil/internal/httpreq/normalize"
	"github.com/vigilsec/vigil/internal/ml/vec"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.TrimSpace(string(b)); got != want {
		t.Errorf("%s: got %s, want %s (go test -update after a deliberate change; retrain the models)", name, got, want)
	}
}

var goldenRequest = &httpreq.Request{Method: "GET", Path: "/shop//item.jsp", Query: "id=1%2527+UnIoN+SeLeCt+1--&name=Mug"}

// TestGolden pins the schema hash and the vector of a fixed request: a
// change to either must be deliberate, and means retraining.
func TestGolden(t *testing.T) {
	s := NewSchema("golden", 14, 8)
	checkGolden(t, "schema_hash.golden", s.Hash())
	f, err := NewFeaturizer(s)
	if err != nil {
		t.Fatal(err)
	}
	res := normalize.Request(goldenRequest, normalize.DefaultLimits())
	x := f.Vector(Text(res), res, vec.Sparse{})
	if !x.Valid(s.Dim()) {
		t.Fatal("invalid vector")
	}
	h := sha256.New()
	for i, j := range x.Index {
		binary.Write(h, binary.LittleEndian, j)
		binary.Write(h, binary.LittleEndian, math.Float32bits(x.Value[i]))
	}
	checkGolden(t, "vector.golden", hex.EncodeToString(h.Sum(nil)))
}

func TestTextAndTokens(t *testing.T) {
	res := normalize.Request(goldenRequest, normalize.DefaultLimits())
	if got, want := Text(res), "/shop/item.jsp?id=1' union select 1--&name=Mug"; got != want {
		t.Errorf("text %q, want %q", got, want)
	}
	toks := " " + string(AppendTokens(nil, res)) + " "
	for _, w := range []string{" t_url_decode ", " t_plus_space ", " t_mixed_case ", " t_path_clean ", " layers_2 "} {
		if !strings.Contains(toks, w) {
			t.Errorf("token %q missing from %q", w, toks)
		}
	}
	if strings.Contains(toks, "get") {
		t.Errorf("the method leaked into the tokens: %q", toks)
	}
}

func TestSchemaValidate(t *testing.T) {
	if NewSchema("x", 40, 8).Validate() == nil {
		t.Error("40 hash bits accepted")
	}
	if NewSchema("x", 16, 8).Hash() == NewSchema("x", 17, 8).Hash() {
		t.Error("hash ignores the layout")
	}
}

func BenchmarkVector(b *testing.B) {
	f, _ := NewFeaturizer(NewSchema("bench", 18, 10))
	res := normalize.Request(goldenRequest, normalize.DefaultLimits())
	text := Text(res)
	var x vec.Sparse
	b.ReportAllocs()
	for b.Loop() {
		x = f.Vector(text, res, x)
	}
}
