package dataset

import (
	"compress/gzip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/vigilsec/vigil/internal/httpreq"
)

// dataDir returns the shared datasets or skips the test.
func dataDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("VIGIL_DATA")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "..", "shared", "datasets")
	}
	if _, err := os.Stat(filepath.Join(dir, "http", "http.jsonl")); err != nil {
		t.Skipf("datasets not found at %s (set VIGIL_DATA): %v", dir, err)
	}
	return dir
}

func TestKey(t *testing.T) {
	tests := []struct {
		method, path, query, body string
		key                       string
		heldOut                   bool
	}{
		{"GET", "/search", "q=1", "", "80bc8ee43302929fcf0e5c30cf84ae56992e83f8643d3675da694b43a47262e6", false},
		{"POST", "/a", "", "x=0", "", true},
		{"POST", "/a", "", "x=1", "", false},
		{"POST", "/a", "", "x=4", "", true},
	}
	for _, tt := range tests {
		k, h := Key(tt.method, tt.path, tt.query, tt.body)
		if tt.key != "" && k != tt.key || h != tt.heldOut {
			t.Errorf("Key(%q %q %q %q) = %s %v; want %s %v", tt.method, tt.path, tt.query, tt.body, k, h, tt.key, tt.heldOut)
		}
	}
}

func TestCanonicalType(t *testing.T) {
	for in, want := range map[string]string{"lfi": "traversal", "path-traversal": "traversal", "sqli": "sqli", "mixed": "", "weird": ""} {
		if got := CanonicalType(in); got != want {
			t.Errorf("CanonicalType(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestCSICSplit pins the sizes of the split on the real data.
func TestCSICSplit(t *testing.T) {
	all, err := LoadHTTP(dataDir(t))
	if err != nil {
		t.Fatal(err)
	}
	train, held := CSICSplit(all)
	count := func(es []Example) (n, a int) {
		for _, e := range es {
			n++
			a += e.Label
		}
		return
	}
	tn, ta := count(train)
	hn, ha := count(held)
	if tn+hn != 18640+15954 || ta+ha != 15954 || hn != 6858 || ha != 3153 {
		t.Errorf("train %d (%d attacks), held out %d (%d attacks)", tn, ta, hn, ha)
	}
	pool := BinaryPool(all, train, DefaultPool(1))
	for _, e := range pool {
		if e.HeldOut || e.Source == KaggleSQL || e.Source == HttpParams && e.Label == Normal {
			t.Fatalf("pool holds a forbidden row: %+v", e)
		}
	}
}

// TestRawMatchesJSONL parses the CSIC 2010 raw files with the raw reader
// and checks that every request has the key of a CSIC row of http.jsonl:
// the raw parser and the split agree.
func TestRawMatchesJSONL(t *testing.T) {
	dir := dataDir(t)
	if testing.Short() {
		t.Skip("reads 97,065 requests")
	}
	all, err := LoadHTTP(dir)
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	for _, e := range all {
		if e.Source == CSIC {
			keys[e.Key] = true
		}
	}
	n := 0
	for _, name := range []string{"normalTrafficTraining", "normalTrafficTest", "anomalousTrafficTest"} {
		n += readRaw(t, filepath.Join(dir, "http", "csic2010", name+".txt.gz"), keys)
	}
	if n != 97065 {
		t.Errorf("%d raw requests, want 97065", n)
	}
}

func readRaw(t *testing.T, path string, keys map[string]bool) int {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	rr := httpreq.NewRawReader(gz, httpreq.DefaultLimits())
	n := 0
	for {
		r, err := rr.Next()
		if errors.Is(err, io.EOF) {
			return n
		}
		if err != nil {
			t.Fatalf("%s line %d: %v", path, rr.Line(), err)
		}
		n++
		if k, _ := RequestKey(r); !keys[k] {
			t.Fatalf("%s line %d: %s %s?%s has no http.jsonl row", path, rr.Line(), r.Method, r.Path, r.Query)
		}
	}
}

func TestTypePoolResolvesConflicts(t *testing.T) {
	frag := func(q, typ, src string) Example {
		return Example{Req: &httpreq.Request{Query: q}, Label: Attack, Type: typ, Source: src}
	}
	all := []Example{
		frag("' or '1'='1", "sqli", Payloads), frag("' OR '1'='1", "sqli", HttpParams), frag("' or '1'='1", "xxe", Payloads),
		frag("<!ENTITY x SYSTEM 'file:///'>", "xxe", Payloads), frag("{{7*7}}", "ssti", Payloads), frag("{{7*7}}", "xss", Payloads),
	}
	got := map[string]int{}
	for _, e := range TypePool(all, nil, DefaultPool(1)) {
		got[e.Type+" "+e.Req.Query]++
	}
	want := map[string]int{"sqli ' or '1'='1": 1, "sqli ' OR '1'='1": 1, "xxe <!ENTITY x SYSTEM 'file:///'>": 1}
	if len(got) != len(want) {
		t.Fatalf("pool %v, want %v", got, want)
	}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("pool %v, want %v", got, want)
		}
	}
}
