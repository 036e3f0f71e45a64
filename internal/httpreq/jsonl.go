package httpreq

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Field names ParseJSON reads, first match wins. Dotted names are looked up
// both as flat keys ("url.path") and as nested objects ({"url":{"path"}}),
// which covers Elastic Common Schema documents in either form.
var (
	methodKeys  = []string{"method", "http.request.method", "verb"}
	pathKeys    = []string{"path", "url.path", "uri"}
	targetKeys  = []string{"url.original", "url", "request_uri", "target"}
	queryKeys   = []string{"query", "url.query", "querystring", "query_string"}
	bodyKeys    = []string{"body", "requestPayload", "http.request.body.content", "request_body", "payload"}
	headerKeys  = []string{"headers", "http.request.headers", "requestHeaders"}
	timeKeys    = []string{"timestamp", "@timestamp", "time"}
	statusKeys  = []string{"statusCode", "status", "http.response.status_code"}
	remoteKeys  = []string{"source.remoteAddress", "source.ip", "source.address", "remote_addr", "remoteAddress", "client.ip"}
	maxJSONNest = 4 // dotted-name lookups descend at most this deep
)

// ParseJSON reads one request from a JSON object: vigil's own shape
// {method, path, query, body, headers} (query and body a string or a JSON
// value, headers an object or a [{name, value}] list), the SecuritAI
// access-log shape (timestamp, method, path, query object, statusCode,
// source.remoteAddress, headers, requestPayload) and ECS fields
// (http.request.method, url.path, url.query, http.request.body.content).
func ParseJSON(line []byte, lim Limits) (*Request, error) {
	obj, err := decodeObject(line)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	r, err := fromObject(obj, lim)
	if err != nil {
		return nil, err
	}
	if err := lim.Check(r); err != nil {
		return nil, err
	}
	return r, nil
}

func fromObject(obj map[string]json.RawMessage, lim Limits) (*Request, error) {
	r, d := &Request{}, &doc{top: obj}
	var err error
	str := func(keys []string, dst *string) {
		if err == nil {
			*dst, err = d.str(keys)
		}
	}
	str(methodKeys, &r.Method)
	str(pathKeys, &r.Path)
	str(timeKeys, &r.Time)
	str(remoteKeys, &r.Remote)
	if err == nil && r.Path == "" {
		var target string
		if target, err = d.str(targetKeys); target != "" {
			r.Path, r.Query = SplitTarget(target)
		}
	}
	if err != nil {
		return nil, err
	}
	return r, fillJSON(r, d, lim)
}

// fillJSON reads the fields that may hold JSON values: query, body,
// headers and status.
func fillJSON(r *Request, d *doc, lim Limits) error {
	if raw, key := d.lookup(queryKeys); raw != nil {
		q, err := queryValue(raw, lim.MaxQuery)
		if errors.Is(err, ErrTooLarge) {
			return err
		}
		if err != nil {
			return fmt.Errorf("%w: field %q: %v", ErrMalformed, key, err)
		}
		if q != "" {
			r.Query = q
		}
	}
	if raw, key := d.lookup(bodyKeys); raw != nil {
		b, err := textValue(raw)
		if err != nil {
			return fmt.Errorf("%w: field %q: %v", ErrMalformed, key, err)
		}
		r.Body = b
	}
	if raw, key := d.lookup(headerKeys); raw != nil {
		hs, err := headersValue(raw, lim.MaxHeaders)
		if err != nil {
			return fmt.Errorf("field %q: %w", key, err)
		}
		r.Headers = hs
	}
	if raw, key := d.lookup(statusKeys); raw != nil {
		s, err := statusValue(raw)
		if err != nil {
			return fmt.Errorf("%w: field %q: %v", ErrMalformed, key, err)
		}
		r.Status = s
	}
	return nil
}

// doc is a decoded JSON object with its nested objects decoded on demand,
// once each.
type doc struct {
	top map[string]json.RawMessage
	sub map[string]map[string]json.RawMessage // by dotted prefix; nil entry: not an object
}

// lookup returns the first present key's value (JSON null counts as
// absent) and the key.
func (d *doc) lookup(keys []string) (json.RawMessage, string) {
	for _, k := range keys {
		if v := d.path(d.top, "", k, maxJSONNest); v != nil && !isNull(v) {
			return v, k
		}
	}
	return nil, ""
}

// path finds a dotted name as a flat key or through nested objects
// ("http.request.method" in {"http":{"request":{"method":...}}} or
// {"http.request":{"method":...}}); prefix names obj for the cache.
func (d *doc) path(obj map[string]json.RawMessage, prefix, name string, depth int) json.RawMessage {
	if v, ok := obj[name]; ok {
		return v
	}
	if depth == 0 {
		return nil
	}
	for i := 0; i < len(name); i++ {
		if name[i] != '.' {
			continue
		}
		if inner := d.object(obj, prefix+name[:i]+".", name[:i]); inner != nil {
			if v := d.path(inner, prefix+name[:i+1], name[i+1:], depth-1); v != nil {
				return v
			}
		}
	}
	return nil
}

// object returns obj[key] decoded as an object (nil when it is not one),
// caching it under id.
func (d *doc) object(obj map[string]json.RawMessage, id, key string) map[string]json.RawMessage {
	if m, ok := d.sub[id]; ok {
		return m
	}
	var m map[string]json.RawMessage
	if raw, ok := obj[key]; ok && isObject(raw) {
		m, _ = decodeObject(raw)
	}
	if d.sub == nil {
		d.sub = map[string]map[string]json.RawMessage{}
	}
	d.sub[id] = m
	return m
}

func (d *doc) str(keys []string) (string, error) {
	raw, key := d.lookup(keys)
	if raw == nil {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", fmt.Errorf("%w: field %q: want a string", ErrMalformed, key)
	}
	return s, nil
}

func decodeObject(b []byte) (map[string]json.RawMessage, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(b, &obj); err != nil {
		return nil, err
	}
	if obj == nil {
		return nil, fmt.Errorf("not a JSON object")
	}
	return obj, nil
}

func isObject(b json.RawMessage) bool {
	b = bytes.TrimLeft(b, " \t\r\n")
	return len(b) > 0 && b[0] == '{'
}

func isNull(b json.RawMessage) bool { return string(bytes.TrimSpace(b)) == "null" }

// textValue returns a string value as is and any other JSON value in
// compact form (a JSON body logged as an object).
func textValue(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '"' {
		var s string
		err := json.Unmarshal(raw, &s)
		return s, err
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, raw); err != nil {
		return "", err
	}
	return buf.String(), nil
}

func statusValue(raw json.RawMessage) (int, error) {
	var s any
	if err := json.Unmarshal(raw, &s); err != nil {
		return 0, err
	}
	switch v := s.(type) {
	case float64:
		if v >= 0 && v < 1000 {
			return int(v), nil
		}
	case string:
		if n, err := strconv.Atoi(v); err == nil && n >= 0 && n < 1000 {
			return n, nil
		}
	}
	return 0, fmt.Errorf("want an HTTP status code")
}

// trimQuestion drops the '?' some loggers keep in front of a query.
func trimQuestion(q string) string { return strings.TrimPrefix(q, "?") }
