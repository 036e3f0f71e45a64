package api

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/vigilsec/vigil/internal/command/detect"
	"github.com/vigilsec/vigil/internal/config"
)

func TestScan(t *testing.T) {
	e := newEnv(t)
	tests := []struct {
		cmd, label, action string
	}{
		{maliciousCmd, "Malicious", "block"},
		{suspiciousCmd, "Suspicious", "requires_context"},
		{benignCmd, "Benign", "pass"},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			r := e.do("POST", "/v1/scan", e.scn, map[string]string{"command": tt.cmd})
			var v detect.Verdict
			r.decode(t, &v)
			if r.status != 200 || v.Label != tt.label || v.Action != tt.action || v.Command != tt.cmd {
				t.Fatalf("%d %s/%s for %q, want %s/%s", r.status, v.Label, v.Action, v.Command, tt.label, tt.action)
			}
			var raw map[string]any
			r.decode(t, &raw)
			for _, k := range []string{"label", "confidence", "action", "scores", "reason", "deobfuscated", "decoded_payload", "techniques", "evidence", "elapsed_us"} {
				if _, ok := raw[k]; !ok {
					t.Errorf("verdict lacks %q", k)
				}
			}
		})
	}
}

func TestScanRejectsBadRequests(t *testing.T) {
	e := newEnv(t, func(c *config.Server) { c.MaxBodyBytes = 200 << 10 })
	tests := []struct {
		name, body string
		status     int
		field      string // the field the problem names, "" for none
		detail     string
	}{
		{"no body", "", 400, "", "body is required"},
		{"malformed JSON", `{"command":`, 400, "", "malformed JSON"},
		{"not an object", `["id"]`, 400, "", "JSON object"},
		{"unknown field", `{"command":"id","verbose":true}`, 400, "verbose", "unknown field"},
		{"wrong type", `{"command":42}`, 400, "command", "must be a string"},
		{"trailing data", `{"command":"id"}{"command":"id"}`, 400, "", "trailing data"},
		{"empty command", `{"command":"  "}`, 400, "command", "must not be empty"},
		{"missing command", `{}`, 400, "command", "must not be empty"},
		{"command over 64 KiB", `{"command":"` + strings.Repeat("a", 65<<10) + `"}`, 413, "command", "too large"},
		{"body over the limit", `{"command":"` + strings.Repeat("a", 201<<10) + `"}`, 413, "", "larger than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e.do("POST", "/v1/scan", e.scn, tt.body)
			p := r.problem(t)
			if r.status != tt.status || p.Status != tt.status || !strings.Contains(p.Detail, tt.detail) {
				t.Fatalf("%d %+v, want %d with %q", r.status, p, tt.status, tt.detail)
			}
			switch {
			case tt.field == "" && len(p.Errors) > 0:
				t.Errorf("unexpected field errors %+v", p.Errors)
			case tt.field != "" && (len(p.Errors) != 1 || p.Errors[0].Field != tt.field):
				t.Errorf("field errors %+v, want one on %q", p.Errors, tt.field)
			}
		})
	}
}

func TestBatch(t *testing.T) {
	e := newEnv(t, func(c *config.Server) { c.MaxBatch = 4 })
	r := e.do("POST", "/v1/scan/batch", e.scn, map[string]any{"commands": []string{benignCmd, "", maliciousCmd, strings.Repeat("x", 65<<10)}})
	var out struct{ Results []json.RawMessage }
	r.decode(t, &out)
	if r.status != 200 || len(out.Results) != 4 {
		t.Fatalf("%d with %d results: %.300s", r.status, len(out.Results), r.body)
	}
	want := []struct{ label, code string }{{"Benign", ""}, {"", "empty"}, {"Malicious", ""}, {"", "too_large"}}
	for i, w := range want {
		var item struct {
			Label, Code, Error string
			Index              *int
		}
		json.Unmarshal(out.Results[i], &item)
		if item.Label != w.label || item.Code != w.code || (w.code != "" && (item.Index == nil || *item.Index != i || item.Error == "")) {
			t.Errorf("result %d = %s, want label %q code %q", i, out.Results[i], w.label, w.code)
		}
	}
	tests := []struct {
		name   string
		body   any
		status int
	}{
		{"no commands", map[string]any{"commands": []string{}}, 400},
		{"missing commands", map[string]any{}, 400},
		{"over max_batch", map[string]any{"commands": []string{"a", "b", "c", "d", "e"}}, 413},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e.do("POST", "/v1/scan/batch", e.scn, tt.body)
			if p := r.problem(t); r.status != tt.status || len(p.Errors) != 1 || p.Errors[0].Field != "commands" {
				t.Errorf("%d %s, want %d naming commands", r.status, r.body, tt.status)
			}
		})
	}
}

func TestUnknownRoutesAndMethods(t *testing.T) {
	e := newEnv(t)
	r := e.do("GET", "/v1/scan", e.scn, nil)
	if p := r.problem(t); r.status != 405 || p.Code != CodeMethodNotAllowed || r.header.Get("Allow") != "POST" {
		t.Errorf("GET /v1/scan: %d Allow=%q %+v", r.status, r.header.Get("Allow"), p)
	}
	r = e.do("GET", "/v2/nothing", "", nil)
	if p := r.problem(t); r.status != 404 || p.Code != CodeNotFound {
		t.Errorf("unknown path: %d %+v", r.status, p)
	}
}

func TestUsageCountsScansPerKey(t *testing.T) {
	e := newEnv(t)
	e.do("POST", "/v1/scan", e.scn, map[string]string{"command": "id"})
	e.do("POST", "/v1/scan/batch", e.scn, map[string]any{"commands": []string{"id", "whoami", ""}})
	e.do("POST", "/v1/scan", e.admin, map[string]string{"command": "id"})
	var u UsageResponse
	r := e.do("GET", "/v1/usage", e.scn, nil)
	r.decode(t, &u)
	if r.status != 200 || u.Total != 3 || len(u.Days) != 1 || u.KeyID != e.scanKey.ID {
		t.Fatalf("usage %d %+v, want 3 scans today for the scan key", r.status, u)
	}
	eventually(t, "usage flushed to the store", func() bool {
		days, err := e.st.Usage(t.Context(), e.scanKey.ID, u.Days[0].Day, u.Days[0].Day)
		return err == nil && len(days) == 1 && days[0].Requests == 3
	})
	if r := e.do("GET", "/v1/usage?days=0", e.scn, nil); r.status != 400 {
		t.Errorf("days=0: %d", r.status)
	}
}
