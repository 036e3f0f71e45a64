package api

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
)

// issueRoutes are the routes the service promises (issue 4 and the
// dashboard's needs); removing one must fail a test.
var issueRoutes = []string{
	"GET /livez", "GET /readyz", "GET /health", "GET /metrics", "GET /openapi.json", "GET /docs",
	"POST /v1/scan", "POST /v1/scan/batch", "POST /scan", "POST /scan/internal",
	"GET /v1/alerts", "GET /v1/alerts/{id}", "POST /v1/alerts/{id}/ack", "POST /v1/alerts/{id}/false-positive",
	"GET /v1/alerts/stream", "GET /v1/stats", "GET /v1/usage", "GET /ui", "GET /ui/{file}",
}

type openAPIDoc struct {
	OpenAPI    string                                `json:"openapi"`
	Paths      map[string]map[string]json.RawMessage `json:"paths"`
	Components struct {
		Schemas map[string]json.RawMessage `json:"schemas"`
	} `json:"components"`
}

func TestOpenAPIDocumentsEveryRoute(t *testing.T) {
	e := newEnv(t)
	r := e.do("GET", "/openapi.json", "", nil)
	var doc openAPIDoc
	r.decode(t, &doc)
	if doc.OpenAPI != "3.1.0" {
		t.Fatalf("openapi %q", doc.OpenAPI)
	}
	documented := map[string]bool{}
	for path, ops := range doc.Paths {
		for m := range ops {
			documented[strings.ToUpper(m)+" "+path] = true
		}
	}
	for _, p := range append(registered(t, e.srv), issueRoutes...) {
		if !documented[p] {
			t.Errorf("route %s is missing from /openapi.json", p)
		}
	}
	for p := range documented {
		if !served(e.srv, p) {
			t.Errorf("/openapi.json documents %s, which the server does not route", p)
		}
	}
}

// registered returns the patterns the mux actually routes, found by asking
// it about each route of the table and each promised route.
func registered(t *testing.T, s *Server) []string {
	t.Helper()
	var out []string
	for _, rt := range s.routes {
		if !served(s, rt.pattern()) {
			t.Errorf("route table entry %s is not registered", rt.pattern())
		}
		out = append(out, rt.pattern())
	}
	return out
}

// served reports whether the mux has exactly this pattern.
func served(s *Server, pattern string) bool {
	method, path, _ := strings.Cut(pattern, " ")
	req := httptest.NewRequest(method, strings.ReplaceAll(path, "{id}", "x1"), nil)
	_, got := s.mux.Handler(req)
	return got == pattern
}

func TestOpenAPIReferencesResolve(t *testing.T) {
	e := newEnv(t)
	body := e.do("GET", "/openapi.json", "", nil).body
	var doc openAPIDoc
	json.Unmarshal(body, &doc)
	for _, ref := range strings.Split(string(body), `"$ref": "#/components/schemas/`)[1:] {
		name := ref[:strings.IndexByte(ref, '"')]
		if _, ok := doc.Components.Schemas[name]; !ok {
			t.Errorf("$ref to undefined schema %s", name)
		}
	}
	for _, want := range []string{"Verdict", "Problem", "GenosVerdict", "Alert", "AlertPage", "BatchResponse"} {
		if _, ok := doc.Components.Schemas[want]; !ok {
			t.Errorf("schema %s missing", want)
		}
	}
}

func TestSchemaFromTypes(t *testing.T) {
	type inner struct {
		N int `json:"n"`
	}
	type sample struct {
		Name    string   `json:"name" doc:"who"`
		Opt     *string  `json:"opt,omitempty"`
		List    []inner  `json:"list"`
		Skipped string   `json:"-"`
		Tags    []string `json:"tags,omitzero"`
	}
	g := newSchemaGen()
	ref := g.schema(reflect.TypeFor[sample]())
	if ref["$ref"] != "#/components/schemas/sample" {
		t.Fatalf("ref %v", ref)
	}
	got, _ := json.Marshal(g.defs["sample"])
	want := `{"properties":{"list":{"items":{"$ref":"#/components/schemas/inner"},"type":["array","null"]},` +
		`"name":{"description":"who","type":"string"},"opt":{"type":["string","null"]},` +
		`"tags":{"items":{"type":"string"},"type":["array","null"]}},"required":["name","list"],"type":"object"}`
	if string(got) != want {
		t.Errorf("schema\n got %s\nwant %s", got, want)
	}
}

func TestDocsPageIsSelfContained(t *testing.T) {
	e := newEnv(t)
	r := e.do("GET", "/docs", "", nil)
	page := string(r.body)
	if r.status != http.StatusOK || !strings.Contains(page, `fetch("/openapi.json")`) {
		t.Fatalf("/docs: %d", r.status)
	}
	for _, external := range []string{"http://", "https://", "//cdn", "<link "} {
		if strings.Contains(page, external) {
			t.Errorf("/docs refers to an external resource (%q): it must work offline", external)
		}
	}
}
