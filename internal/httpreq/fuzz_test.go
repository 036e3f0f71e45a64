package httpreq

import (
	"errors"
	"io"
	"strings"
	"testing"
)

func stringsReader(s string) io.Reader { return strings.NewReader(s) }

// checkRequest asserts what every parser guarantees for a request it
// returns: within the limits and something to scan.
func checkRequest(t *testing.T, r *Request, err error, lim Limits) {
	t.Helper()
	if err != nil {
		if !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrTooLarge) && !errors.Is(err, ErrEmpty) {
			t.Fatalf("error outside the documented set: %v", err)
		}
		return
	}
	if cerr := lim.Check(r); cerr != nil {
		t.Fatalf("parser returned a request failing Check: %v", cerr)
	}
}

func smallLimits() Limits {
	return Limits{MaxMethod: 16, MaxPath: 256, MaxQuery: 256, MaxBody: 256, MaxHeaders: 8, MaxHeaderBytes: 512}
}

func FuzzParseJSON(f *testing.F) {
	for _, s := range []string{
		`{"method":"GET","path":"/search","query":"q=1"}`,
		`{"path":"/","query":{"a":["1",{"$gt":""}]},"headers":[{"name":"a","value":["b"]}]}`,
		`{"http":{"request":{"method":"GET"}},"url.path":"/x"}`, `{"url":"http://h/p?q"}`, `null`, `{`,
	} {
		f.Add([]byte(s))
	}
	lim := smallLimits()
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := ParseJSON(b, lim)
		checkRequest(t, r, err, lim)
	})
}

func FuzzRawReader(f *testing.F) {
	for _, s := range []string{
		"GET /a?b=c HTTP/1.1\r\nHost: h\r\n\r\n\r\n",
		"POST http://h/p HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc\r\n\r\nGET / HTTP/1.0\r\n\r\n",
		"junk\r\n x\r\nPUT / HTTP/1.1\r\n y: z\r\n\r\nbody\r\n", "GET  HTTP/1.1\r\n",
	} {
		f.Add(s)
	}
	lim := smallLimits()
	f.Fuzz(func(t *testing.T, s string) {
		rr := NewRawReader(strings.NewReader(s), lim)
		for i := 0; ; i++ {
			r, err := rr.Next()
			if err == io.EOF {
				return
			}
			if i > len(s)+1 {
				t.Fatalf("reader does not advance: %d results from %d bytes", i, len(s))
			}
			checkRequest(t, r, err, lim)
		}
	})
}

func FuzzParseCLF(f *testing.F) {
	for _, s := range []string{
		`1.2.3.4 - - [t] "GET /a?b HTTP/1.1" 200 1 "-" "ua"`,
		`h - u [x] "POST /\"q\x41 HTTP/1.0" 500 - "r"`, `a b c [d] "e" f g`,
	} {
		f.Add(s)
	}
	lim := smallLimits()
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseCLF(s, lim)
		checkRequest(t, r, err, lim)
	})
}
