package normalize

import (
	"strings"

	"github.com/vigilsec/vigil/internal/httpreq"
)

// Part is one normalised piece of a request.
type Part struct {
	// Name is "path", "query.<name>", "body.<name>" or "body".
	Name    string `json:"part"`
	Raw     string `json:"raw"`
	Decoded string `json:"decoded"`
}

// Changed reports whether normalisation rewrote the part.
func (p Part) Changed() bool { return p.Raw != p.Decoded }

// Result is a normalised request.
type Result struct {
	Method string
	Parts  []Part
	Steps  []Step
	// Limits lists the limits that stopped normalisation of some part.
	Limits []string
}

// maxNameBytes bounds a parameter name inside a part name.
const maxNameBytes = 48

// Request splits r into parts (the path, each query parameter, each
// parameter of a form body, or the whole body) and normalises each.
func Request(r *httpreq.Request, lim Limits) *Result {
	res := &Result{Method: r.Method}
	if r.Path != "" {
		res.add("path", r.Path, Path, lim)
	}
	res.params("query", r.Query, lim)
	if r.Body != "" {
		if isForm(r) {
			res.params("body", r.Body, lim)
		} else {
			res.add("body", r.Body, Text, lim)
		}
	}
	return res
}

func (res *Result) add(name, raw string, kind Kind, lim Limits) {
	dec, steps, limit := Run(raw, kind, name, lim, res.Steps)
	res.Steps = steps
	if limit != "" {
		res.Limits = append(res.Limits, name+":"+limit)
	}
	res.Parts = append(res.Parts, Part{Name: name, Raw: raw, Decoded: dec})
}

// params adds one part per '&'-separated parameter; past lim.MaxParts the
// remainder is one part.
func (res *Result) params(prefix, s string, lim Limits) {
	for n := 0; s != ""; n++ {
		p := s
		if n < lim.MaxParts-1 {
			p, s, _ = strings.Cut(s, "&")
		} else {
			s = ""
		}
		if p == "" {
			continue
		}
		res.add(prefix+"."+paramName(p), p, Form, lim)
	}
}

// paramName is the decoded, clipped name of a "name=value" parameter.
func paramName(p string) string {
	name, _, _ := strings.Cut(p, "=")
	name, _ = URLDecode(strings.ReplaceAll(name, "+", " "))
	if len(name) > maxNameBytes {
		name = name[:maxNameBytes]
	}
	return strings.ToValidUTF8(name, "?")
}

// isForm reports whether the body is form-encoded: declared so, or
// undeclared and shaped like "a=b&c=d" (logs often drop the header).
func isForm(r *httpreq.Request) bool {
	if ct, ok := r.Header("Content-Type"); ok {
		return strings.HasPrefix(strings.ToLower(strings.TrimSpace(ct)), "application/x-www-form-urlencoded")
	}
	b := strings.TrimSpace(r.Body)
	return b != "" && b[0] != '{' && b[0] != '[' && b[0] != '<' && strings.Contains(b, "=") && !strings.ContainsAny(b, "\n")
}

// Decoded returns the decoded parts joined as a request target and body:
// "path?q1&q2\nbody". The method is not part of it: the models must not
// learn a method as an attack (CSIC 2010 sends PUT only in its anomalous
// file).
func (res *Result) Decoded() string { return res.view(func(p Part) string { return p.Decoded }) }

// Raw returns the parts as received, joined the same way.
func (res *Result) Raw() string { return res.view(func(p Part) string { return p.Raw }) }

// Changed reports whether any part was rewritten.
func (res *Result) Changed() bool {
	for _, p := range res.Parts {
		if p.Changed() {
			return true
		}
	}
	return false
}

func (res *Result) view(f func(Part) string) string {
	var b strings.Builder
	last := ""
	for _, p := range res.Parts {
		group, _, _ := strings.Cut(p.Name, ".")
		switch {
		case group == "path":
		case group != last && group == "query":
			b.WriteByte('?')
		case group != last:
			b.WriteByte('\n')
		default:
			b.WriteByte('&')
		}
		last = group
		b.WriteString(f(p))
	}
	return b.String()
}
