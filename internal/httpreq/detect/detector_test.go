package detect

import (
	"errors"
	"strings"
	"testing"

	"github.com/vigilsec/vigil/internal/httpreq"
	"github.com/vigilsec/vigil/internal/httpreq/normalize"
)

func TestScanShipped(t *testing.T) {
	d := newShipped(t)
	tests := []struct {
		name  string
		req   httpreq.Request
		label string
		atype string // "" for null
		part  string // part the evidence must name
	}{
		{"tautology in a query", httpreq.Request{Method: "GET", Path: "/search", Query: "q=1' OR '1'='1"}, "attack", "sqli", "query.q"},
		{"union select double encoded", httpreq.Request{Method: "GET", Path: "/item", Query: "id=1%2520UNION%2520SELECT%2520password%2520FROM%2520users--"}, "attack", "sqli", "query.id"},
		{"script tag in a JSON body", httpreq.Request{Method: "POST", Path: "/api/comments", Body: `{"text":"<script>alert(document.cookie)</script>"}`}, "attack", "xss", "body"},
		{"traversal", httpreq.Request{Method: "GET", Path: "/download", Query: "file=../../../../etc/passwd"}, "attack", "traversal", "query.file"},
		{"command injection", httpreq.Request{Method: "GET", Path: "/ping", Query: "host=127.0.0.1;cat /etc/passwd"}, "attack", "", "query.host"},
		{"plain search", httpreq.Request{Method: "GET", Path: "/search", Query: "q=blue+running+shoes&page=2"}, "normal", "", ""},
		{"REST update", httpreq.Request{Method: "PUT", Path: "/api/cart/17", Body: `{"qty":2}`}, "normal", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := d.Scan(&tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if v.Label != tt.label {
				t.Fatalf("label %s (score %.3f), want %s", v.Label, v.Score, tt.label)
			}
			if tt.atype != "" && (v.AttackType == nil || *v.AttackType != tt.atype) {
				t.Errorf("attack type %v, want %s", deref(v.AttackType), tt.atype)
			}
			if tt.label == "normal" && v.AttackType != nil {
				t.Errorf("normal request with attack type %s", *v.AttackType)
			}
			if tt.part != "" && !hasPart(v, tt.part) {
				t.Errorf("evidence does not name part %s: %+v", tt.part, v.Evidence)
			}
			if v.Score < 0 || v.Score > 1 || v.Anomaly < 0 || v.Anomaly > 1 {
				t.Errorf("score %v anomaly %v", v.Score, v.Anomaly)
			}
		})
	}
}

func TestEvidenceShowsDecoding(t *testing.T) {
	d := newShipped(t)
	v, err := d.Scan(&httpreq.Request{Method: "GET", Path: "/a", Query: "q=%253Cscript%253Ealert(1)%253C%252Fscript%253E"})
	if err != nil {
		t.Fatal(err)
	}
	decodes := 0
	for _, e := range v.Evidence {
		if e.Kind == "normalization" && e.Transform == "url_decode" && e.Part == "query.q" {
			decodes++
		}
		if e.Kind == "part" && e.Part == "query.q" && !strings.Contains(e.Decoded, "<script>") {
			t.Errorf("decoded form %q", e.Decoded)
		}
	}
	if decodes != 2 || v.Label != "attack" {
		t.Errorf("label %s, %d url_decode steps (want 2): %+v", v.Label, decodes, v.Evidence)
	}
}

func TestScanLimits(t *testing.T) {
	d := newShipped(t)
	if _, err := d.Scan(&httpreq.Request{Method: "GET", Path: "/", Query: strings.Repeat("a", 70<<10)}); !errors.Is(err, httpreq.ErrTooLarge) {
		t.Errorf("oversized query: %v", err)
	}
	if _, err := d.Scan(&httpreq.Request{}); !errors.Is(err, httpreq.ErrEmpty) {
		t.Errorf("empty request: %v", err)
	}
}

func TestProfile(t *testing.T) {
	p := NewProfile([][2]string{{"GET", "/a"}, {"post", "/a"}, {"GET", "/b"}, {"", "/c"}})
	tests := []struct {
		method, path string
		want         bool
	}{
		{"PUT", "/a", true}, {"POST", "/a", false}, {"HEAD", "/b", false}, {"DELETE", "/b", true},
		{"PUT", "/unknown", false}, {"", "/a", false},
	}
	for _, tt := range tests {
		if got := p.Unexpected(tt.method, tt.path); got != tt.want {
			t.Errorf("Unexpected(%s %s) = %v", tt.method, tt.path, got)
		}
	}
	s, err := p.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	q, err := parseProfile(s)
	if err != nil || !q.Unexpected("PUT", "/a") {
		t.Errorf("round trip: %v", err)
	}
	var none *Profile
	if none.Unexpected("PUT", "/a") {
		t.Error("nil profile flags")
	}
}

func TestSSRFRule(t *testing.T) {
	for s, want := range map[string]bool{
		"url=http://169.254.169.254/latest/meta-data/": true,
		"u=http://127.0.0.1:8080/admin":                true,
		"u=https://[::1]/":                             true,
		"next=http://10.0.0.5/":                        true,
		"cb=gopher://x:6379/_info":                     true,
		"u=http://localhost/":                          true,
		"u=https://example.com/a?b=http://203.0.113.5": false,
		"q=plain words":                                false,
	} {
		if got := ssrfValue(s); got != want {
			t.Errorf("ssrfValue(%q) = %v", s, got)
		}
	}
}

func TestCombine(t *testing.T) {
	c := Combine{Weight: 0.6, Threshold: 0.5, CascadeLo: 0.1, CascadeHi: 0.9, PartThreshold: 0.5, MinTypeConfidence: 0.3}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if c.NeedsCNN(0.05) || !c.NeedsCNN(0.5) || c.NeedsCNN(0.95) {
		t.Error("cascade band")
	}
	if got := c.Score(0.5, 1, true); got != 0.6*0.5+0.4 {
		t.Errorf("score %v", got)
	}
	c.Threshold = 2
	if c.Validate() == nil {
		t.Error("threshold 2 accepted")
	}
}

func hasPart(v *Verdict, part string) bool {
	for _, e := range v.Evidence {
		if e.Kind == "part" && e.Part == part {
			return true
		}
	}
	return false
}

func deref(s *string) string {
	if s == nil {
		return "null"
	}
	return *s
}

func TestTypeText(t *testing.T) {
	tests := []struct{ query, want string }{
		{"q=1' OR '1'='1", "1' OR '1'='1"},
		{"1' or '1'='1", "1' or '1'='1"},
		{"user[$ne]=x", "x"},
		{"<svg onload=alert(1)>", "<svg onload=alert(1)>"},
	}
	for _, tt := range tests {
		res := normalize.Request(&httpreq.Request{Query: tt.query}, normalize.DefaultLimits())
		if got := TypeText(PartResult(res, 0)); got != tt.want {
			t.Errorf("TypeText(%q) = %q, want %q", tt.query, got, tt.want)
		}
	}
}

func TestPlainParts(t *testing.T) {
	for raw, want := range map[string]bool{
		"id=3": true, "B1=Entrar": true, "lang=en-GB": true,
		"id=1 or 1=1": false, "q=%27": false, "x=a*b": false, "n=Jam+Ib": false,
	} {
		res := normalize.Request(&httpreq.Request{Query: raw}, normalize.DefaultLimits())
		if got := plain(res.Parts[0]); got != want {
			t.Errorf("plain(%q) = %v", raw, got)
		}
	}
}
