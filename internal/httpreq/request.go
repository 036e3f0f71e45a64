package httpreq

import (
	"errors"
	"fmt"
	"strings"
)

// Errors the parsers wrap; test with errors.Is.
var (
	ErrMalformed = errors.New("malformed request")
	ErrTooLarge  = errors.New("request exceeds size limits")
	ErrEmpty     = errors.New("request has no method, path, query or body")
)

// Request is one HTTP request as vigil scans it. Path is the URL path as
// received (still percent-encoded), Query the raw query string without
// '?', Body the raw body text. The remaining fields are context
// from logs; they are reported but not scored.
type Request struct {
	Method  string   `json:"method"`
	Path    string   `json:"path"`
	Query   string   `json:"query"`
	Body    string   `json:"body"`
	Headers []Header `json:"headers,omitempty"`
	// Context, when the input carries it.
	Time   string `json:"time,omitempty"`
	Status int    `json:"status,omitempty"`
	Remote string `json:"remote,omitempty"`
}

// Header is one request header; names keep the case they arrived in.
type Header struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Header returns the first value of the named header (case-insensitive).
func (r *Request) Header(name string) (string, bool) {
	for _, h := range r.Headers {
		if strings.EqualFold(h.Name, name) {
			return h.Value, true
		}
	}
	return "", false
}

// Limits bound the size of one request. Each stops a hostile input from
// making a parser (and everything after it) spend memory and time in
// proportion to an attacker's upload.
type Limits struct {
	MaxMethod      int // a method is a short token; longer ones are garbage
	MaxPath        int // URL path bytes (servers reject beyond ~8 KiB)
	MaxQuery       int // query string bytes
	MaxBody        int // body bytes scored; larger bodies are rejected, not cut
	MaxHeaders     int // header count
	MaxHeaderBytes int // all header names and values together
}

// DefaultLimits fit real traffic: an 8 KiB path, 64 KiB query and body,
// 100 headers in 32 KiB.
func DefaultLimits() Limits {
	return Limits{MaxMethod: 32, MaxPath: 8 << 10, MaxQuery: 64 << 10, MaxBody: 64 << 10, MaxHeaders: 100, MaxHeaderBytes: 32 << 10}
}

// Check reports whether r fits the limits and holds something to scan.
func (l Limits) Check(r *Request) error {
	switch {
	case len(r.Method) > l.MaxMethod:
		return fmt.Errorf("%w: method over %d bytes", ErrTooLarge, l.MaxMethod)
	case len(r.Path) > l.MaxPath:
		return fmt.Errorf("%w: path over %d bytes", ErrTooLarge, l.MaxPath)
	case len(r.Query) > l.MaxQuery:
		return fmt.Errorf("%w: query over %d bytes", ErrTooLarge, l.MaxQuery)
	case len(r.Body) > l.MaxBody:
		return fmt.Errorf("%w: body over %d bytes", ErrTooLarge, l.MaxBody)
	case len(r.Headers) > l.MaxHeaders:
		return fmt.Errorf("%w: over %d headers", ErrTooLarge, l.MaxHeaders)
	case headerBytes(r.Headers) > l.MaxHeaderBytes:
		return fmt.Errorf("%w: headers over %d bytes", ErrTooLarge, l.MaxHeaderBytes)
	case r.Method == "" && r.Path == "" && r.Query == "" && r.Body == "":
		return ErrEmpty
	}
	if !validMethod(r.Method) {
		return fmt.Errorf("%w: method %q is not a token", ErrMalformed, r.Method)
	}
	return nil
}

func headerBytes(hs []Header) int {
	n := 0
	for _, h := range hs {
		n += len(h.Name) + len(h.Value)
	}
	return n
}

// validMethod accepts RFC 9110 tokens (and the empty method of fragments).
func validMethod(m string) bool {
	for i := 0; i < len(m); i++ {
		if !isTokenChar(m[i]) {
			return false
		}
	}
	return true
}

func isTokenChar(c byte) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	}
	return strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}

// SplitTarget splits a request target (origin form "/p?q", absolute form
// "http://host/p?q", or "*") into path and query. A fragment is dropped.
func SplitTarget(target string) (path, query string) {
	if i := strings.IndexByte(target, '#'); i >= 0 {
		target = target[:i]
	}
	if rest, ok := cutScheme(target); ok {
		target = "/"
		if i := strings.IndexAny(rest, "/?"); i >= 0 {
			target = rest[i:]
			if target[0] == '?' {
				target = "/" + target
			}
		}
	}
	path, query, _ = strings.Cut(target, "?")
	return path, query
}

// cutScheme returns what follows "scheme://" in an absolute-form target.
func cutScheme(t string) (string, bool) {
	i := strings.Index(t, "://")
	if i <= 0 || i > 16 {
		return "", false
	}
	for j := 0; j < i; j++ {
		c := t[j]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || j > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return "", false
		}
	}
	return t[i+3:], true
}
