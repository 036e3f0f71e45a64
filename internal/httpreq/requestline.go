package httpreq

import (
	"bytes"
	"fmt"
	"strings"
)

// parseRequestLine reads "METHOD SP target SP HTTP/x.y" (or the HTTP/0.9
// form without a version). The target may hold spaces, as sloppy clients
// and log writers leave them.
func parseRequestLine(line string) (*Request, error) {
	method, rest, ok := strings.Cut(line, " ")
	if !ok || method == "" || !validMethod(method) || len(method) > 32 {
		return nil, fmt.Errorf("%w: request line %q", ErrMalformed, clip(line, 60))
	}
	target := strings.TrimSpace(rest)
	if i := strings.LastIndexByte(target, ' '); i >= 0 && strings.HasPrefix(target[i+1:], "HTTP/") {
		target = strings.TrimSpace(target[:i])
	}
	if !validTarget(method, target) {
		return nil, fmt.Errorf("%w: request line %q has no valid target", ErrMalformed, clip(line, 60))
	}
	r := &Request{Method: method}
	r.Path, r.Query = SplitTarget(target)
	return r, nil
}

// validTarget accepts the origin ("/p"), absolute ("http://h/p"),
// asterisk ("*") and, for CONNECT, authority ("host:port") forms.
func validTarget(method, t string) bool {
	switch {
	case t == "":
		return false
	case t[0] == '/' || t == "*":
		return true
	case method == "CONNECT":
		return !strings.ContainsAny(t, " /")
	}
	_, ok := cutScheme(t)
	return ok
}

// looksLikeRequestLine is the resynchronisation test: an upper-case
// method, a space, and an HTTP version at the end.
func looksLikeRequestLine(b []byte) bool {
	sp := bytes.IndexByte(b, ' ')
	if sp <= 0 || sp > 32 {
		return false
	}
	for _, c := range b[:sp] {
		if c < 'A' || c > 'Z' {
			return false
		}
	}
	i := bytes.LastIndexByte(b, ' ')
	return i > sp && bytes.HasPrefix(b[i+1:], []byte("HTTP/"))
}

func clip(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}
