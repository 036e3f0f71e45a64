package httpreq

import (
	"errors"
	"io"
	"os"
	"reflect"
	"testing"
)

func TestParseJSON(t *testing.T) {
	lim := DefaultLimits()
	tests := []struct {
		name, line string
		want       Request
	}{
		{"vigil shape with a string query",
			`{"method":"GET","path":"/search","query":"q=1' OR '1'='1"}`,
			Request{Method: "GET", Path: "/search", Query: "q=1' OR '1'='1"}},
		{"query object in key order with lists, numbers and operators",
			`{"method":"GET","path":"/p","query":{"b":"2","a":["x","y"],"n":3,"u":{"$ne":null},"flag":null}}`,
			Request{Method: "GET", Path: "/p", Query: `b=2&a=x&a=y&n=3&u={"$ne":null}&flag`}},
		{"leading question mark dropped",
			`{"method":"GET","path":"/p","query":"?a=1"}`,
			Request{Method: "GET", Path: "/p", Query: "a=1"}},
		{"JSON body kept compact, headers in order",
			`{"method":"POST","path":"/api/login","body":{"user":"a", "pass":"b"},"headers":{"Content-Type":"application/json","Accept":["a","b"]}}`,
			Request{Method: "POST", Path: "/api/login", Body: `{"user":"a","pass":"b"}`,
				Headers: []Header{{"Content-Type", "application/json"}, {"Accept", "a, b"}}}},
		{"SecuritAI access log",
			`{"timestamp":"2024-05-01T10:00:00Z","method":"GET","path":"/products","query":{"search":"<script>"},"statusCode":200,"source":{"remoteAddress":"10.0.0.9"},"headers":{"user-agent":"x"},"requestPayload":{}}`,
			Request{Method: "GET", Path: "/products", Query: "search=<script>", Body: "{}", Time: "2024-05-01T10:00:00Z",
				Status: 200, Remote: "10.0.0.9", Headers: []Header{{"user-agent", "x"}}}},
		{"ECS flat fields",
			`{"@timestamp":"t","http.request.method":"POST","url.path":"/a","url.query":"x=1","http.request.body.content":"b=2","http.response.status_code":404}`,
			Request{Method: "POST", Path: "/a", Query: "x=1", Body: "b=2", Time: "t", Status: 404}},
		{"ECS nested fields",
			`{"http":{"request":{"method":"GET","body":{"content":"c"}}},"url":{"path":"/n","query":"q=2"},"source":{"ip":"192.0.2.1"}}`,
			Request{Method: "GET", Path: "/n", Query: "q=2", Body: "c", Remote: "192.0.2.1"}},
		{"full URL when there is no path",
			`{"method":"GET","url":"https://example.com/a/b?c=d#frag"}`,
			Request{Method: "GET", Path: "/a/b", Query: "c=d"}},
		{"header list form",
			`{"path":"/","headers":[{"name":"X-A","value":"1"}]}`,
			Request{Path: "/", Headers: []Header{{"X-A", "1"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseJSON([]byte(tt.line), lim)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", *got, tt.want)
			}
		})
	}
}

func TestParseJSONErrors(t *testing.T) {
	lim := DefaultLimits()
	lim.MaxQuery, lim.MaxHeaders = 16, 2
	tests := []struct {
		name, line string
		want       error
	}{
		{"not JSON", `{"method":`, ErrMalformed},
		{"not an object", `["GET","/"]`, ErrMalformed},
		{"null", `null`, ErrMalformed},
		{"path is a number", `{"path":7}`, ErrMalformed},
		{"query is a list", `{"path":"/","query":[1]}`, ErrMalformed},
		{"method is not a token", `{"method":"G E T","path":"/"}`, ErrMalformed},
		{"nothing to scan", `{"statusCode":200}`, ErrEmpty},
		{"query too long", `{"path":"/","query":"aaaaaaaaaaaaaaaaaaaaaaaa"}`, ErrTooLarge},
		{"query object too long", `{"path":"/","query":{"a":"aaaaaaaaaa","b":"bbbbbbbbbb","c":"c"}}`, ErrTooLarge},
		{"too many headers", `{"path":"/","headers":{"a":"1","b":"2","c":"3"}}`, ErrTooLarge},
		{"bad status", `{"path":"/","status":"teapot"}`, ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := ParseJSON([]byte(tt.line), lim); !errors.Is(err, tt.want) {
				t.Errorf("error %v, want %v", err, tt.want)
			}
		})
	}
}

func TestRawReader(t *testing.T) {
	f, err := os.Open("testdata/requests.raw")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rr := NewRawReader(f, DefaultLimits())
	type result struct {
		method, path, query, body string
		headers                   int
		err                       error
	}
	want := []result{
		{"GET", "/store/item.jsp", "id=7&name=Blue+Mug&qty=2", "", 4, nil},
		{"POST", "/store/login.jsp", "", "user=ana&pwd=s3cr%E9t&remember=on", 4, nil},
		{err: ErrMalformed},
		{"PUT", "/store/cart.jsp", "", "item=3&qty=1\nnote=line two", 2, nil},
		{"GET", "/search", "q=%27+OR+%271%27%3D%271", "", 0, nil},
	}
	for i, w := range want {
		r, err := rr.Next()
		if w.err != nil {
			if !errors.Is(err, w.err) {
				t.Fatalf("request %d: error %v, want %v", i, err, w.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
		got := result{r.Method, r.Path, r.Query, r.Body, len(r.Headers), nil}
		if got != w {
			t.Errorf("request %d (line %d):\n got  %+v\nwant %+v", i, rr.Line(), got, w)
		}
	}
	if _, err := rr.Next(); err != io.EOF {
		t.Errorf("after the last request: %v, want io.EOF", err)
	}
}

func TestRawLimits(t *testing.T) {
	lim := DefaultLimits()
	lim.MaxBody = 4
	rr := NewRawReader(stringsReader("POST /a HTTP/1.1\r\nContent-Length: 10\r\n\r\n0123456789\r\nGET /b HTTP/1.1\r\n\r\n"), lim)
	if _, err := rr.Next(); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("oversized body: %v", err)
	}
	r, err := rr.Next()
	if err != nil || r.Path != "/b" {
		t.Fatalf("reader did not recover: %v %+v", err, r)
	}
	if _, err := ParseRaw("GET /x HTTP/1.1\r\nContent-Length: 9\r\n\r\nshort", DefaultLimits()); !errors.Is(err, ErrMalformed) {
		t.Errorf("short body: %v", err)
	}
	if _, err := ParseRaw("\r\n\r\n", DefaultLimits()); !errors.Is(err, ErrEmpty) {
		t.Errorf("blank input: %v", err)
	}
}

func TestParseCLF(t *testing.T) {
	lim := DefaultLimits()
	tests := []struct {
		name, line string
		want       Request
	}{
		{"combined",
			`203.0.113.7 - - [10/Oct/2024:13:55:36 +0000] "GET /search?q=%3Cscript%3E HTTP/1.1" 200 512 "https://ref.example/" "curl/8.0"`,
			Request{Method: "GET", Path: "/search", Query: "q=%3Cscript%3E", Time: "10/Oct/2024:13:55:36 +0000", Status: 200,
				Remote: "203.0.113.7", Headers: []Header{{"Referer", "https://ref.example/"}, {"User-Agent", "curl/8.0"}}}},
		{"common, no referer or agent",
			`::1 - bob [01/Jan/2024:00:00:00 +0100] "POST /login HTTP/1.0" 302 -`,
			Request{Method: "POST", Path: "/login", Time: "01/Jan/2024:00:00:00 +0100", Status: 302, Remote: "::1"}},
		{"apache escaped quote and nginx hex escape",
			`1.2.3.4 - - [t] "GET /a?x=\"1\x22 HTTP/1.1" 404 0 "-" "-"`,
			Request{Method: "GET", Path: "/a", Query: `x="1"`, Time: "t", Status: 404, Remote: "1.2.3.4"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseCLF(tt.line, lim)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", *got, tt.want)
			}
		})
	}
	for _, bad := range []string{``, `just words`, `1.2.3.4 - - [t "GET / HTTP/1.1" 200 1`, `1.2.3.4 - - [t] "-" 400 0`,
		`1.2.3.4 - - [t] "GET / HTTP/1.1 200 1`, `1.2.3.4 - - [t] "GET / HTTP/1.1" abc 1`} {
		if _, err := ParseCLF(bad, lim); !errors.Is(err, ErrMalformed) {
			t.Errorf("%q: error %v, want ErrMalformed", bad, err)
		}
	}
}

func TestSplitTarget(t *testing.T) {
	tests := []struct{ in, path, query string }{
		{"/a?b=c", "/a", "b=c"},
		{"http://h:1/p?q#f", "/p", "q"},
		{"https://h?x=1", "/", "x=1"},
		{"*", "*", ""},
		{"/x?y?z", "/x", "y?z"},
		{"/r?u=http://h/", "/r", "u=http://h/"},
	}
	for _, tt := range tests {
		if p, q := SplitTarget(tt.in); p != tt.path || q != tt.query {
			t.Errorf("SplitTarget(%q) = %q, %q; want %q, %q", tt.in, p, q, tt.path, tt.query)
		}
	}
}
