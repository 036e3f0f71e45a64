package api

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/vigilsec/vigil/internal/config"
	"github.com/vigilsec/vigil/internal/store"
)

func TestAuthentication(t *testing.T) {
	e := newEnv(t, func(c *config.Server) { c.AuthCacheTTL = 0 })
	revokedKey, revoked := e.key("old", 0, store.ScopeAdmin)
	if err := e.st.RevokeKey(context.Background(), revokedKey.ID); err != nil {
		t.Fatal(err)
	}
	scan := map[string]string{"command": "id"}
	tests := []struct {
		name, method, path, key string
		header                  string // X-API-Key instead of Bearer
		status                  int
		code, detail            string
	}{
		{"no key is 401", "POST", "/v1/scan", "", "", 401, CodeUnauthorized, "API key is required"},
		{"unknown key is 401", "POST", "/v1/scan", "vgl_nosuchkeyatallnosuchkeyatallnosuchkeyatall", "", 401, CodeUnauthorized, "unknown API key"},
		{"revoked key is 401", "POST", "/v1/scan", revoked, "", 401, CodeUnauthorized, "revoked"},
		{"scan key on an admin route is 403", "GET", "/v1/alerts", e.scn, "", 403, CodeForbidden, "scope admin"},
		{"scan key may scan", "POST", "/v1/scan", e.scn, "", 200, "", ""},
		{"admin key may scan too", "POST", "/v1/scan", e.admin, "", 200, "", ""},
		{"X-API-Key works like Bearer", "POST", "/v1/scan", "", e.scn, 200, "", ""},
		{"admin key lists alerts", "GET", "/v1/alerts", e.admin, "", 200, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var body any
			if tt.method == "POST" {
				body = scan
			}
			r := e.doHeader(tt.method, tt.path, tt.key, tt.header, body)
			if r.status != tt.status {
				t.Fatalf("status %d, want %d: %s", r.status, tt.status, r.body)
			}
			if tt.code == "" {
				return
			}
			p := r.problem(t)
			if p.Code != tt.code || !strings.Contains(p.Detail, tt.detail) || p.Status != tt.status {
				t.Errorf("problem %+v, want code %s with %q", p, tt.code, tt.detail)
			}
		})
	}
}

// doHeader is do with an optional X-API-Key header.
func (e *env) doHeader(method, path, bearer, apiKey string, body any) response {
	if apiKey == "" {
		return e.do(method, path, bearer, body)
	}
	old := e.http.Client().Transport
	e.http.Client().Transport = headerTransport{old, "X-API-Key", apiKey}
	defer func() { e.http.Client().Transport = old }()
	return e.do(method, path, bearer, body)
}

// headerTransport adds a header to every request.
type headerTransport struct {
	rt          http.RoundTripper
	name, value string
}

func (h headerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r.Header.Set(h.name, h.value)
	return h.rt.RoundTrip(r)
}

func TestRevokedThroughTheAPIIsRefusedAtOnce(t *testing.T) {
	e := newEnv(t) // with the authentication cache on
	r := e.do("POST", "/v1/keys", e.admin, map[string]any{"name": "temp", "scopes": []string{"scan"}})
	var created struct {
		ID  string `json:"id"`
		Key string `json:"key"`
	}
	r.decode(t, &created)
	if r.status != 201 || !strings.HasPrefix(created.Key, "vgl_") {
		t.Fatalf("create key: %d %s", r.status, r.body)
	}
	if r := e.do("POST", "/v1/scan", created.Key, map[string]string{"command": "id"}); r.status != 200 {
		t.Fatalf("new key refused: %d %s", r.status, r.body)
	}
	if r := e.do("POST", "/v1/keys/"+created.ID+"/revoke", e.admin, nil); r.status != 200 {
		t.Fatalf("revoke: %d %s", r.status, r.body)
	}
	if r := e.do("POST", "/v1/scan", created.Key, map[string]string{"command": "id"}); r.status != 401 {
		t.Errorf("revoked (and cached) key: status %d, want 401", r.status)
	}
}

func TestRateLimit(t *testing.T) {
	e := newEnv(t)
	_, limited := e.key("slow", 2, store.ScopeScan)
	for i := range 2 {
		if r := e.do("POST", "/v1/scan", limited, map[string]string{"command": "id"}); r.status != 200 {
			t.Fatalf("request %d within the limit: %d %s", i+1, r.status, r.body)
		}
	}
	r := e.do("POST", "/v1/scan", limited, map[string]string{"command": "id"})
	if r.status != http.StatusTooManyRequests || r.problem(t).Code != CodeRateLimited {
		t.Fatalf("third request: %d %s, want 429 rate_limited", r.status, r.body)
	}
	// 2 per minute refills one token in 30 s.
	if s, err := strconv.Atoi(r.header.Get("Retry-After")); err != nil || s < 1 || s > 30 {
		t.Errorf("Retry-After %q, want 1..30 seconds", r.header.Get("Retry-After"))
	}
	if r := e.do("POST", "/v1/scan", e.scn, map[string]string{"command": "id"}); r.status != 200 {
		t.Errorf("another key was limited too: %d", r.status)
	}
	m := e.do("GET", "/metrics", "", nil)
	if !strings.Contains(string(m.body), `vigil_rate_limited_requests_total{route="POST /v1/scan"} 1`) {
		t.Error("rate-limited request not counted in /metrics")
	}
}
