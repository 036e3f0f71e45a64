package httpreq

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// queryValue renders a query given as a string (kept verbatim, without a
// leading '?') or as an object of already-decoded values, in key order:
// {"q":"1","tag":["a","b"],"user":{"$ne":null}} → q=1&tag=a&tag=b&user={"$ne":null}.
// Nested values keep their JSON form so that operator injection
// ($ne, $gt) stays visible.
func queryValue(raw json.RawMessage, max int) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '"' {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", err
		}
		return trimQuestion(s), nil
	}
	if len(raw) == 0 || raw[0] != '{' {
		return "", errors.New("want a string or an object")
	}
	var b strings.Builder
	err := eachMember(raw, func(k string, v json.RawMessage) error {
		if b.Len() > max {
			return fmt.Errorf("%w: query over %d bytes", ErrTooLarge, max)
		}
		return appendParam(&b, k, v)
	})
	return b.String(), err
}

func appendParam(b *strings.Builder, k string, v json.RawMessage) error {
	v = bytes.TrimSpace(v)
	if len(v) > 0 && v[0] == '[' {
		var items []json.RawMessage
		if err := json.Unmarshal(v, &items); err != nil {
			return err
		}
		for _, it := range items {
			if err := appendParam(b, k, it); err != nil {
				return err
			}
		}
		return nil
	}
	if b.Len() > 0 {
		b.WriteByte('&')
	}
	b.WriteString(k)
	if isNull(v) {
		return nil
	}
	s, err := textValue(v)
	if err != nil {
		return err
	}
	b.WriteByte('=')
	b.WriteString(s)
	return nil
}

// eachMember calls fn for the members of a JSON object in document order.
func eachMember(raw json.RawMessage, fn func(k string, v json.RawMessage) error) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil { // '{'
		return err
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		k, _ := tok.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return err
		}
		if err := fn(k, v); err != nil {
			return err
		}
	}
	return nil
}

// headersValue reads headers from an object (a value may be a string, a
// number or a list of strings) or from a [{name, value}] list, in order.
func headersValue(raw json.RawMessage, max int) ([]Header, error) {
	raw = bytes.TrimSpace(raw)
	var hs []Header
	add := func(name string, v json.RawMessage) error {
		if len(hs) >= max {
			return fmt.Errorf("%w: over %d headers", ErrTooLarge, max)
		}
		s, err := headerText(v)
		if err != nil {
			return fmt.Errorf("%w: header %q: %v", ErrMalformed, name, err)
		}
		hs = append(hs, Header{Name: name, Value: s})
		return nil
	}
	switch {
	case len(raw) > 0 && raw[0] == '{':
		return hs, wrapMalformed(eachMember(raw, add))
	case len(raw) > 0 && raw[0] == '[':
		var list []struct {
			Name  string          `json:"name"`
			Value json.RawMessage `json:"value"`
		}
		if err := json.Unmarshal(raw, &list); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
		}
		for _, h := range list {
			if err := add(h.Name, h.Value); err != nil {
				return nil, err
			}
		}
		return hs, nil
	}
	return nil, fmt.Errorf("%w: want an object or a list", ErrMalformed)
}

// headerText joins repeated values with ", " as HTTP does.
func headerText(v json.RawMessage) (string, error) {
	v = bytes.TrimSpace(v)
	if len(v) == 0 || isNull(v) {
		return "", nil
	}
	if v[0] != '[' {
		return textValue(v)
	}
	var items []json.RawMessage
	if err := json.Unmarshal(v, &items); err != nil {
		return "", err
	}
	parts := make([]string, 0, len(items))
	for _, it := range items {
		s, err := textValue(it)
		if err != nil {
			return "", err
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ", "), nil
}

func wrapMalformed(err error) error {
	if err == nil || errors.Is(err, ErrTooLarge) || errors.Is(err, ErrMalformed) {
		return err
	}
	return fmt.Errorf("%w: %v", ErrMalformed, err)
}
