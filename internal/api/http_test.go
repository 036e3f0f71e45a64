package api

import (
	"encoding/json"
	"strings"
	"testing"

	hdetect "github.com/vigilsec/vigil/internal/httpreq/detect"
)

func TestHTTPScan(t *testing.T) {
	e := newEnv(t)
	tests := []struct {
		name  string
		body  any
		label string
		typ   string
	}{
		{"tautology", map[string]any{"method": "GET", "path": "/search", "query": "q=1' OR '1'='1"}, "attack", "sqli"},
		{"SecuritAI shape", map[string]any{"timestamp": "2024-05-01T10:00:00Z", "method": "GET", "path": "/products",
			"query": map[string]any{"search": "<script>alert(document.cookie)</script>"}, "statusCode": 200}, "attack", "xss"},
		{"normal search", map[string]any{"method": "GET", "path": "/search", "query": "q=blue+shoes"}, "normal", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e.do("POST", "/v1/http/scan", e.scn, tt.body)
			var v hdetect.Verdict
			r.decode(t, &v)
			if r.status != 200 || v.Label != tt.label {
				t.Fatalf("%d %s, want %s", r.status, v.Label, tt.label)
			}
			if tt.typ != "" && (v.AttackType == nil || *v.AttackType != tt.typ) {
				got := "null"
				if v.AttackType != nil {
					got = *v.AttackType
				}
				t.Errorf("attack type %s, want %s", got, tt.typ)
			}
		})
	}
	eventually(e.t, "HTTP alerts stored", func() bool { return len(e.alerts("?detector=http").Alerts) == 2 })
	for _, a := range e.alerts("?detector=http").Alerts {
		if a.Label != "attack" || len(a.Techniques) != 1 || a.Techniques[0] != "T1190" || !strings.HasPrefix(a.Subject, "["+a.Action+"] ") {
			t.Errorf("alert %+v", a)
		}
	}
}

func TestHTTPScanErrorsAndBatch(t *testing.T) {
	e := newEnv(t)
	if r := e.do("POST", "/v1/http/scan", e.scn, map[string]any{"statusCode": 200}); r.status != 400 {
		t.Errorf("empty request: %d", r.status)
	}
	if r := e.do("POST", "/v1/http/scan", "", map[string]any{"path": "/"}); r.status != 401 {
		t.Errorf("no key: %d", r.status)
	}
	body := map[string]any{"requests": []any{
		map[string]any{"method": "GET", "path": "/dl", "query": "f=../../../../etc/passwd"},
		"not an object",
		map[string]any{"method": "GET", "path": "/"},
	}}
	r := e.do("POST", "/v1/http/scan/batch", e.scn, body)
	var res struct{ Results []json.RawMessage }
	r.decode(t, &res)
	if r.status != 200 || len(res.Results) != 3 {
		t.Fatalf("%d, %d results", r.status, len(res.Results))
	}
	var first hdetect.Verdict
	var second ItemError
	if json.Unmarshal(res.Results[0], &first) != nil || first.Label != "attack" ||
		json.Unmarshal(res.Results[1], &second) != nil || second.Index != 1 || second.Code != "malformed" {
		t.Errorf("results %s", res.Results)
	}
}
