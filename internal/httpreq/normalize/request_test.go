package normalize

import (
	"testing"

	"github.com/vigilsec/vigil/internal/httpreq"
)

func TestRequest(t *testing.T) {
	lim := DefaultLimits()
	tests := []struct {
		name         string
		req          httpreq.Request
		parts        []string
		decoded, raw string
	}{
		{"query parameters are separate parts",
			httpreq.Request{Method: "GET", Path: "/search", Query: "q=1%27+OR+%271%27%3D%271&page=2"},
			[]string{"path", "query.q", "query.page"}, "/search?q=1' OR '1'='1&page=2", "/search?q=1%27+OR+%271%27%3D%271&page=2"},
		{"form body split, encoded ampersand stays in its value",
			httpreq.Request{Method: "POST", Path: "/login", Body: "user=a%26b&pwd=x"},
			[]string{"path", "body.user", "body.pwd"}, "/login\nuser=a&b&pwd=x", "/login\nuser=a%26b&pwd=x"},
		{"JSON body is one part",
			httpreq.Request{Method: "POST", Path: "/api", Body: `{"q":"\u003cscript\u003e"}`, Headers: []httpreq.Header{{Name: "Content-Type", Value: "application/json"}}},
			[]string{"path", "body"}, `/api` + "\n" + `{"q":"<script>"}`, `/api` + "\n" + `{"q":"\u003cscript\u003e"}`},
		{"fragment without method or path",
			httpreq.Request{Query: "1' or 1=1--"},
			[]string{"query.1' or 1"}, "?1' or 1=1--", "?1' or 1=1--"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Request(&tt.req, lim)
			var names []string
			for _, p := range res.Parts {
				names = append(names, p.Name)
			}
			if !equal(names, tt.parts) {
				t.Errorf("parts %q, want %q", names, tt.parts)
			}
			if got := res.Decoded(); got != tt.decoded {
				t.Errorf("decoded %q, want %q", got, tt.decoded)
			}
			if got := res.Raw(); got != tt.raw {
				t.Errorf("raw %q, want %q", got, tt.raw)
			}
		})
	}
}

func TestRequestPartLimit(t *testing.T) {
	lim := DefaultLimits()
	lim.MaxParts = 3
	res := Request(&httpreq.Request{Query: "a=1&b=2&c=3&d=4"}, lim)
	if len(res.Parts) != 3 || res.Parts[2].Raw != "c=3&d=4" {
		t.Errorf("parts %+v", res.Parts)
	}
}
