package main

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const ordinarySession = `{"failed_logins":1,"request_rate":50,"commands_count":3,"sql_payload":0,"honeytoken_access":0,"session_time":300}`

func jsonLines(t *testing.T, out string) []map[string]any {
	t.Helper()
	var res []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("not a JSON line: %q", l)
		}
		res = append(res, m)
	}
	return res
}

func TestSessionPredictContract(t *testing.T) {
	out, err := run(t, ordinarySession+"\n", "session", "predict", "--input", "jsonl", "--format", "jsonl")
	if err != nil {
		t.Fatal(err)
	}
	res := jsonLines(t, out)
	for _, k := range []string{"attack_type", "risk_score", "confidence", "anomaly_score", "is_anomaly", "explanation", "contributions", "probabilities"} {
		if _, ok := res[0][k]; !ok {
			t.Errorf("output lacks %q: %s", k, out)
		}
	}
	if res[0]["attack_type"] != "Normal" || res[0]["risk_score"].(float64) > 2 {
		t.Errorf("an ordinary session: %s", out)
	}
	_, err = run(t, `{"failed_logins":-1}`+"\n", "session", "predict", "--input", "jsonl", "--format", "jsonl")
	var ee exitError
	if !errors.As(err, &ee) || ee.code == 0 {
		t.Fatalf("invalid input must exit non-zero, got %v", err)
	}
}

func TestSessionPredictReportsEveryInvalidLine(t *testing.T) {
	in := strings.Join([]string{
		ordinarySession,
		`{"failed_logins":1.5,"request_rate":50,"commands_count":"3","sql_payload":0,"honeytoken_access":0,"session_time":300,"extra":1}`,
		`not json`,
		`{"failed_logins":120,"request_rate":20,"commands_count":0,"sql_payload":0,"honeytoken_access":0,"session_time":550}`,
	}, "\n") + "\n"
	out, err := run(t, in, "session", "predict")
	if err == nil || !strings.Contains(err.Error(), "2 of 4 input lines were invalid") {
		t.Fatalf("err = %v", err)
	}
	res := jsonLines(t, out)
	if len(res) != 4 {
		t.Fatalf("%d output lines for 4 inputs", len(res))
	}
	if res[1]["code"] != "invalid" || res[2]["code"] != "malformed" || res[3]["attack_type"] != "BruteForce" {
		t.Fatalf("output:\n%s", out)
	}
	fields := map[string]string{}
	for _, e := range res[1]["errors"].([]any) {
		fe := e.(map[string]any)
		fields[fe["field"].(string)] = fe["message"].(string)
	}
	want := map[string]string{
		"failed_logins":  "must be an integer, got 1.5",
		"commands_count": "must be an integer, not a string",
		"extra":          "unknown field",
	}
	for f, msg := range want {
		if fields[f] != msg {
			t.Errorf("%s: %q, want %q (all: %v)", f, fields[f], msg, fields)
		}
	}
}

func TestSessionPredictFormats(t *testing.T) {
	out, err := run(t, ordinarySession+"\n", "session", "predict", "--format", "table")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out, "LINE") || !strings.Contains(out, "Normal") || strings.Count(out, "\n") != 2 {
		t.Errorf("table:\n%s", out)
	}
	out, err = run(t, ordinarySession+"\n", "session", "predict", "--format", "json")
	if err != nil || !strings.Contains(out, "\n  \"attack_type\": \"Normal\"") {
		t.Errorf("json (%v):\n%s", err, out)
	}
	if _, err := run(t, "", "session", "predict", "--format", "xml"); err == nil {
		t.Error("accepted --format xml")
	}
	if _, err := run(t, "", "session", "predict", "--input", "csv"); err == nil {
		t.Error("accepted --input csv")
	}
}

func TestSessionGenIsDeterministic(t *testing.T) {
	a, err := run(t, "", "session", "gen", "--rows", "25", "--seed", "3")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := run(t, "", "session", "gen", "--rows", "25", "--seed", "3")
	c, _ := run(t, "", "session", "gen", "--rows", "25", "--seed", "4")
	if a != b || a == c {
		t.Fatal("gen must depend on the seed and only on it")
	}
	for _, m := range jsonLines(t, a) {
		if m["label"] == nil || m["session_time"] == nil {
			t.Fatalf("row %v", m)
		}
	}
	if _, err := run(t, "", "session", "gen", "--rows", "0"); err == nil {
		t.Error("accepted --rows 0")
	}
}

func TestSessionTrainWritesAModelPredictLoads(t *testing.T) {
	dir := t.TempDir()
	out, err := run(t, "", "session", "train", "--rows", "1500", "--seed", "5", "--out", dir, "-q")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "macro-F1") {
		t.Errorf("train prints the evaluation:\n%s", out)
	}
	for _, f := range []string{"session/session.vgm", "session/eval/metrics.json", "session/eval/metrics.md", "session/eval/confusion.png", "session/eval/roc.png"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	pred, err := run(t, ordinarySession+"\n", "session", "predict", "--models", dir)
	if err != nil || !strings.Contains(pred, `"attack_type"`) {
		t.Fatalf("predict with the trained model (%v): %s", err, pred)
	}
}

func TestSessionTrainReadsData(t *testing.T) {
	dir := t.TempDir()
	data, err := run(t, "", "session", "gen", "--rows", "1200", "--seed", "9")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "rows.jsonl")
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := run(t, "", "session", "train", "--data", path, "--out", dir, "-q"); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(ordinarySession+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := run(t, "", "session", "train", "--data", path, "--out", dir, "-q"); err == nil {
		t.Error("trained on rows without labels")
	}
}

func TestSessionExtractPipesIntoPredict(t *testing.T) {
	td := filepath.Join("..", "..", "internal", "session", "testdata")
	log, err := os.ReadFile(filepath.Join(td, "access.log"))
	if err != nil {
		t.Fatal(err)
	}
	sessions, err := run(t, string(log), "session", "extract", "--input", "clf", "--honeytokens", filepath.Join(td, "honeytokens.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(sessions, "\n"); n != 5 {
		t.Fatalf("%d sessions, want 5:\n%s", n, sessions)
	}
	out, err := run(t, sessions, "session", "predict")
	if err != nil {
		t.Fatalf("predict rejected extract's output: %v\n%s", err, out)
	}
	byKey := map[string]map[string]any{}
	for _, m := range jsonLines(t, out) {
		s, ok := m["session"].(map[string]any)
		if !ok {
			t.Fatalf("the session object is not passed through: %v", m)
		}
		byKey[s["key"].(string)] = m
	}
	if got := byKey["198.51.100.7"]["attack_type"]; got != "BruteForce" {
		t.Errorf("40 failed logins in 23 s: %v", got)
	}
	if got := byKey["203.0.113.9"]["attack_type"]; got != "Injection" {
		t.Errorf("SQL injection in the query: %v", got)
	}
}

func TestSessionExtractFlags(t *testing.T) {
	cmds, err := os.ReadFile(filepath.Join("..", "..", "internal", "session", "testdata", "commands.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	out, err := run(t, string(cmds), "session", "extract", "--input", "commands-jsonl", "--timeout", "1m")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, `"key":"carol@web-1"`) {
		t.Errorf("commands are grouped by user@host:\n%s", out)
	}
	for _, args := range [][]string{
		{"--input", "syslog"},
		{"--timeout", "0s"},
		{"--by", "host"},
		{"--login-route", "("},
		{"--honeytokens", "/nonexistent/decoys.txt"},
	} {
		if _, err := run(t, "", append([]string{"session", "extract"}, args...)...); err == nil {
			t.Errorf("%v: accepted", args)
		}
	}
}
