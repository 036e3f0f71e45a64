package web

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func newDashboard(t *testing.T) *Dashboard {
	t.Helper()
	d, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func get(d *Dashboard, name string, header ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest("GET", "/ui/"+name, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	if !d.Serve(w, r, name) {
		w.Code = http.StatusNotFound
	}
	return w
}

func TestEveryAssetIsServedWithSecurityHeaders(t *testing.T) {
	d := newDashboard(t)
	want := map[string]string{
		"Content-Security-Policy": ContentSecurityPolicy,
		"X-Content-Type-Options":  "nosniff",
		"X-Frame-Options":         "DENY",
		"Referrer-Policy":         "no-referrer",
		"Cache-Control":           "no-cache",
	}
	for _, name := range d.Names() {
		t.Run(name, func(t *testing.T) {
			w := get(d, name)
			if w.Code != http.StatusOK || w.Body.Len() == 0 {
				t.Fatalf("status %d with %d bytes", w.Code, w.Body.Len())
			}
			for k, v := range want {
				if got := w.Header().Get(k); got != v {
					t.Errorf("%s: %q, want %q", k, got, v)
				}
			}
			if ct := w.Header().Get("Content-Type"); ct == "" || strings.Contains(ct, "octet") {
				t.Errorf("Content-Type %q", ct)
			}
		})
	}
}

func TestETagRevalidation(t *testing.T) {
	d := newDashboard(t)
	etag := get(d, "app.js").Header().Get("ETag")
	if etag == "" {
		t.Fatal("no ETag")
	}
	if w := get(d, "app.js", "If-None-Match", etag); w.Code != http.StatusNotModified || w.Body.Len() != 0 {
		t.Errorf("If-None-Match with the ETag: %d with %d bytes, want 304 and no body", w.Code, w.Body.Len())
	}
	if w := get(d, "app.js", "If-None-Match", `"stale"`); w.Code != http.StatusOK {
		t.Errorf("If-None-Match with another ETag: %d, want 200", w.Code)
	}
}

func TestUnknownAssetIsNotServed(t *testing.T) {
	d := newDashboard(t)
	for _, name := range []string{"", "nope.js", "../web.go", "assets/app.js"} {
		if w := get(d, name); w.Code != http.StatusNotFound || w.Body.Len() != 0 {
			t.Errorf("%q: %d with %d bytes, want not served", name, w.Code, w.Body.Len())
		}
	}
}

func assetText(t *testing.T, d *Dashboard, name string) string {
	t.Helper()
	a, ok := d.files[name]
	if !ok {
		t.Fatalf("no asset %s", name)
	}
	return string(a.body)
}

// The binary must work offline and keep the CSP meaningful: nothing is
// loaded from elsewhere.
func TestAssetsAreSelfContained(t *testing.T) {
	d := newDashboard(t)
	external := regexp.MustCompile(`(?i)(https?:)?//[a-z0-9.-]+\.[a-z]{2,}`)
	for _, name := range d.Names() {
		body := strings.ReplaceAll(assetText(t, d, name), "http://www.w3.org/2000/svg", "")
		if m := external.FindString(body); m != "" {
			t.Errorf("%s refers to %q: assets must not load anything from elsewhere", name, m)
		}
	}
}

// The CSP forbids inline code; the page must not need any.
func TestPageHasNoInlineCode(t *testing.T) {
	page := assetText(t, newDashboard(t), IndexName)
	checks := []struct {
		name string
		re   *regexp.Regexp
	}{
		{"inline script", regexp.MustCompile(`<script(\s[^>]*)?>\s*[^<\s]`)},
		{"style element", regexp.MustCompile(`<style`)},
		{"style attribute", regexp.MustCompile(`\sstyle=`)},
		{"event handler attribute", regexp.MustCompile(`\son[a-z]+=`)},
		{"javascript: URL", regexp.MustCompile(`(?i)javascript:`)},
	}
	for _, c := range checks {
		if m := c.re.FindString(page); m != "" {
			t.Errorf("%s in index.html: %q", c.name, m)
		}
	}
	for _, tag := range regexp.MustCompile(`<script[^>]*>`).FindAllString(page, -1) {
		if !strings.Contains(tag, ` src="/ui/`) {
			t.Errorf("script element without a same-origin src: %s", tag)
		}
	}
}

// Event data is attacker-controlled: the scripts must never hand a string
// to an HTML parser or evaluate one.
func TestScriptsNeverParseStrings(t *testing.T) {
	d := newDashboard(t)
	sinks := regexp.MustCompile(`innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|createContextualFragment|DOMParser|setAttribute\(['"]on`)
	for _, name := range d.Names() {
		if !strings.HasSuffix(name, ".js") {
			continue
		}
		if m := sinks.FindString(assetText(t, d, name)); m != "" {
			t.Errorf("%s uses %s", name, m)
		}
	}
}

// Every module import and every /ui/ reference of the page must name an
// embedded asset, or the page breaks only in a browser.
func TestReferencesResolve(t *testing.T) {
	d := newDashboard(t)
	names := d.Names()
	refs := regexp.MustCompile(`(?:from |import\()['"]\./([^'"]+)['"]|["'/]ui/([a-z0-9._-]+)["']`)
	for _, name := range names {
		for _, m := range refs.FindAllStringSubmatch(assetText(t, d, name), -1) {
			ref := m[1] + m[2]
			if !slices.Contains(names, ref) {
				t.Errorf("%s refers to %q, which is not an asset", name, ref)
			}
		}
	}
}
