package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// httpLines runs vigil http scan and decodes each output line.
func httpLines(t *testing.T, stdin string, args ...string) []map[string]any {
	t.Helper()
	out, err := run(t, stdin, append([]string{"http", "scan"}, args...)...)
	if err != nil {
		t.Fatal(err)
	}
	var res []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("output line is not JSON: %s", l)
		}
		res = append(res, m)
	}
	return res
}

func TestHTTPScanJSONLContract(t *testing.T) {
	in := strings.Join([]string{
		`{"method":"GET","path":"/search","query":"q=1' OR '1'='1"}`,
		`{"method":"GET","path":"/search"`,
		`{"method":"GET","path":"/search","query":{"q":"blue shoes"}}`,
		`{"statusCode":200}`,
		`{"timestamp":"2024-05-01T10:00:00Z","method":"GET","path":"/products","query":{"search":"<script>alert(document.cookie)</script>"},"statusCode":200,"source":{"remoteAddress":"10.0.0.9"}}`,
	}, "\n") + "\n"
	res := httpLines(t, in, "--input", "jsonl", "--format", "jsonl")
	if len(res) != 5 {
		t.Fatalf("%d results for 5 lines", len(res))
	}
	errs := map[int]string{1: "malformed", 3: "empty"}
	for i, m := range res {
		if code, ok := errs[i]; ok {
			if m["code"] != code || m["line"] != float64(i+1) {
				t.Errorf("line %d: want error %q, got %v", i+1, code, m)
			}
			continue
		}
		for _, k := range []string{"label", "score", "attack_type", "anomaly", "evidence", "elapsed_us"} {
			if _, ok := m[k]; !ok {
				t.Errorf("line %d lacks %q: %v", i+1, k, m)
			}
		}
	}
	want := []struct {
		line         int
		label, atype string
	}{{0, "attack", "sqli"}, {2, "normal", ""}, {4, "attack", "xss"}}
	for _, w := range want {
		m := res[w.line]
		if m["label"] != w.label {
			t.Errorf("line %d: label %v, want %s", w.line+1, m["label"], w.label)
		}
		if w.atype != "" && m["attack_type"] != w.atype {
			t.Errorf("line %d: attack_type %v, want %s", w.line+1, m["attack_type"], w.atype)
		}
	}
}

func TestHTTPScanRawAndCLF(t *testing.T) {
	raw := "not a request\r\n\r\n" +
		"GET /a?q=%3Cscript%3Ealert(1)%3C/script%3E HTTP/1.1\r\nHost: x\r\n\r\n\r\n" +
		"POST /login HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 19\r\n\r\nuser=ana&pwd=secret\r\n\r\n"
	res := httpLines(t, raw, "--input", "raw")
	if len(res) != 3 || res[0]["code"] != "malformed" || res[1]["label"] != "attack" || res[2]["label"] != "normal" {
		t.Errorf("raw: %v", res)
	}
	clf := `203.0.113.7 - - [10/Oct/2024:13:55:36 +0000] "GET /download?file=../../../../etc/passwd HTTP/1.1" 200 512 "-" "curl/8.0"` + "\n" +
		`garbage line` + "\n" +
		`203.0.113.8 - - [10/Oct/2024:13:55:37 +0000] "GET /products/42 HTTP/1.1" 200 900 "-" "Mozilla/5.0"` + "\n"
	res = httpLines(t, clf, "--input", "clf")
	if len(res) != 3 || res[0]["attack_type"] != "traversal" || res[1]["code"] != "malformed" || res[2]["label"] != "normal" {
		t.Errorf("clf: %v", res)
	}
}

func TestHTTPScanKeepsOrder(t *testing.T) {
	var in strings.Builder
	for i := range 600 { // more than two batches
		in.WriteString(`{"method":"GET","path":"/item/` + strings.Repeat("x", i%5) + `","query":"n=` + string(rune('a'+i%26)) + `"}` + "\n")
	}
	res := httpLines(t, in.String(), "--workers", "4")
	if len(res) != 600 {
		t.Fatalf("%d results", len(res))
	}
	for i, m := range res {
		if want := "/item/" + strings.Repeat("x", i%5); m["path"] != want {
			t.Fatalf("result %d is for %v, want %s", i, m["path"], want)
		}
	}
}

func TestHTTPScanTable(t *testing.T) {
	out, err := run(t, `{"method":"GET","path":"/x","query":"id=1 UNION SELECT password FROM users--"}`+"\n", "http", "scan", "--format", "table")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "LABEL") || !strings.Contains(out, "attack") {
		t.Errorf("table:\n%s", out)
	}
	if _, err := run(t, "", "http", "scan", "--input", "xml"); err == nil {
		t.Error("--input xml accepted")
	}
}
