package api

import (
	"testing"

	"github.com/vigilsec/vigil/internal/session"
)

func TestSessionPredict(t *testing.T) {
	e := newEnv(t)
	ordinary := map[string]any{"failed_logins": 1, "request_rate": 5, "commands_count": 3, "sql_payload": 0, "honeytoken_access": 0, "session_time": 300}
	injection := map[string]any{"failed_logins": 2, "request_rate": 20, "commands_count": 4, "sql_payload": 1, "honeytoken_access": 0, "session_time": 120}
	r := e.do("POST", "/v1/session/predict", e.scn, injection)
	var p session.Prediction
	r.decode(t, &p)
	if r.status != 200 || p.AttackType != "Injection" || p.RiskScore < 1 || p.RiskScore > 10 || len(p.Contributions) != session.NumFeatures {
		t.Fatalf("%d %+v", r.status, p)
	}
	r = e.do("POST", "/v1/session/predict", e.scn, ordinary)
	r.decode(t, &p)
	if r.status != 200 || p.AttackType != "Normal" {
		t.Fatalf("ordinary session: %d %+v", r.status, p)
	}
	if r := e.do("POST", "/v1/session/predict", "", ordinary); r.status != 401 {
		t.Errorf("no key: %d", r.status)
	}
}

func TestSessionPredictValidation(t *testing.T) {
	e := newEnv(t)
	tests := []struct {
		name   string
		body   any
		status int
		fields []string
	}{
		{"out of range and missing", map[string]any{"failed_logins": -1, "request_rate": 700}, 422,
			[]string{"failed_logins", "request_rate", "commands_count", "sql_payload", "honeytoken_access", "session_time"}},
		{"wrong type and unknown field", map[string]any{"failed_logins": 1.5, "request_rate": 5, "commands_count": 3, "sql_payload": 0, "honeytoken_access": 0, "session_time": 300, "evil": 1}, 422,
			[]string{"failed_logins", "evil"}},
		{"not JSON", "{", 400, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e.do("POST", "/v1/session/predict", e.scn, tt.body)
			if r.status != tt.status {
				t.Fatalf("status %d, want %d: %s", r.status, tt.status, r.body)
			}
			if tt.fields == nil {
				return
			}
			got := map[string]bool{}
			for _, f := range r.problem(t).Errors {
				got[f.Field] = true
			}
			for _, f := range tt.fields {
				if !got[f] {
					t.Errorf("no error for field %q: %s", f, r.body)
				}
			}
		})
	}
}

func TestSessionBatchAndFeatures(t *testing.T) {
	e := newEnv(t)
	good := map[string]any{"failed_logins": 120, "request_rate": 30, "commands_count": 1, "sql_payload": 0, "honeytoken_access": 0, "session_time": 580}
	bad := map[string]any{"failed_logins": 500}
	r := e.do("POST", "/v1/session/predict-batch", e.scn, map[string]any{"sessions": []any{good, good}})
	var resp SessionBatchResponse
	r.decode(t, &resp)
	if r.status != 200 || resp.TotalProcessed != 2 || len(resp.Results) != 2 || resp.Results[0].AttackType != "BruteForce" {
		t.Fatalf("%d %+v", r.status, resp)
	}
	r = e.do("POST", "/v1/session/predict-batch", e.scn, []any{good, bad})
	if r.status != 422 {
		t.Fatalf("batch with a bad session: %d %s", r.status, r.body)
	}
	found := false
	for _, f := range r.problem(t).Errors {
		found = found || f.Field == "sessions[1].failed_logins"
	}
	if !found {
		t.Errorf("errors do not name sessions[1].failed_logins: %s", r.body)
	}
	r = e.do("GET", "/v1/session/features", e.scn, nil)
	var spec session.FeatureSpec
	r.decode(t, &spec)
	if r.status != 200 || len(spec.Order) != session.NumFeatures {
		t.Errorf("features: %d %+v", r.status, spec)
	}
}
