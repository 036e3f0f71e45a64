package api

import (
	"net/http"
	"strings"
	"testing"

	"github.com/vigilsec/vigil/internal/web"
)

func TestDashboardIsServedWithoutKey(t *testing.T) {
	e := newEnv(t)
	tests := []struct {
		path, ctype string
	}{
		{"/ui", "text/html; charset=utf-8"},
		{"/ui/app.js", "text/javascript; charset=utf-8"},
		{"/ui/style.css", "text/css; charset=utf-8"},
		{"/ui/favicon.svg", "image/svg+xml"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			r := e.do("GET", tt.path, "", nil)
			if r.status != http.StatusOK || r.header.Get("Content-Type") != tt.ctype {
				t.Fatalf("status %d, Content-Type %q; want 200 %q", r.status, r.header.Get("Content-Type"), tt.ctype)
			}
			if got := r.header.Get("Content-Security-Policy"); got != web.ContentSecurityPolicy {
				t.Errorf("Content-Security-Policy %q", got)
			}
		})
	}
}

func TestDashboardUnknownAssetIsProblem(t *testing.T) {
	e := newEnv(t)
	for _, path := range []string{"/ui/nope.js", "/ui/..%2fserver.go", "/ui/assets"} {
		r := e.do("GET", path, "", nil)
		if p := r.problem(t); r.status != http.StatusNotFound || p.Code != CodeNotFound {
			t.Errorf("%s: %d %s, want 404 not_found", path, r.status, r.body)
		}
	}
}

func TestDashboardPageLoadsItsScriptFromFile(t *testing.T) {
	e := newEnv(t)
	page := string(e.do("GET", "/ui", "", nil).body)
	if !strings.Contains(page, `<script type="module" src="/ui/app.js">`) {
		t.Errorf("/ui does not load /ui/app.js as a module")
	}
	if r := e.do("POST", "/ui", "", nil); r.status != http.StatusMethodNotAllowed {
		t.Errorf("POST /ui: %d, want 405", r.status)
	}
}
