package session

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// ErrMalformed is returned (wrapped) for input that is not one JSON object.
// It is a 400-class error, where a *ValidationError is a 422.
var ErrMalformed = errors.New("malformed JSON")

// Record is one line of `session predict` input: the features and, from
// `session extract`, the session they describe, passed through unchanged.
type Record struct {
	Features
	Session json.RawMessage `json:"session,omitempty"`
}

// DecodeFeatures decodes one JSON object holding exactly the six features.
// Types are checked on the JSON text itself: 1.5, 1e2, "3", true and null
// are not integers. Missing, unknown and duplicate fields and out-of-range
// values are all reported, one message per field, in a *ValidationError.
func DecodeFeatures(b []byte) (Features, error) { return decode(b, nil) }

// DecodeRecord is DecodeFeatures that also accepts a "session" object.
func DecodeRecord(b []byte) (Record, error) {
	var raw json.RawMessage
	f, err := decode(b, map[string]*json.RawMessage{"session": &raw})
	r := Record{Features: f, Session: raw}
	if raw != nil && raw[0] != '{' {
		return r, &ValidationError{[]FieldError{{"session", "must be a JSON object"}}}
	}
	return r, err
}

// decoded collects the values and problems of one object.
type decoded struct {
	vals   [NumFeatures]int
	seen   [NumFeatures]bool
	msgs   [NumFeatures]string
	other  []FieldError // unknown or duplicate non-feature fields
	extras map[string]*json.RawMessage
}

// decode reads the features and the extra fields the caller allows (their
// raw values are stored through the map's pointers).
func decode(b []byte, extras map[string]*json.RawMessage) (Features, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return Features{}, fmt.Errorf("%w: want one JSON object", ErrMalformed)
	}
	d := decoded{extras: extras}
	for dec.More() {
		if err := d.member(dec); err != nil {
			return Features{}, err
		}
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return Features{}, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return Features{}, fmt.Errorf("%w: data after the object", ErrMalformed)
	}
	return FromValues(d.vals), d.err()
}

// member reads one name/value pair.
func (d *decoded) member(dec *json.Decoder) error {
	tok, err := dec.Token()
	if err != nil {
		return fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	name, _ := tok.(string)
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	if i := fieldIndex(name); i >= 0 {
		d.feature(i, raw)
		return nil
	}
	dst, ok := d.extras[name]
	switch {
	case !ok:
		d.other = append(d.other, FieldError{name, "unknown field"})
	case *dst != nil:
		d.other = append(d.other, FieldError{name, "duplicate field"})
	default:
		*dst = raw
	}
	return nil
}

func (d *decoded) feature(i int, raw json.RawMessage) {
	if d.seen[i] {
		d.msgs[i] = "duplicate field"
		return
	}
	d.seen[i] = true
	v, msg := parseInt(raw, fields[i])
	d.vals[i], d.msgs[i] = v, msg
	if msg == "" {
		var ve ValidationError
		if checkRange(&ve, i, v); len(ve.Errors) > 0 {
			d.msgs[i] = ve.Errors[0].Message
		}
	}
}

func (d *decoded) err() error {
	var ve ValidationError
	for i, f := range fields {
		switch {
		case !d.seen[i]:
			ve.add(f.Name, "required")
		case d.msgs[i] != "":
			ve.add(f.Name, "%s", d.msgs[i])
		}
	}
	ve.Errors = append(ve.Errors, d.other...)
	return ve.orNil()
}

// parseInt reads a JSON integer literal, or says why raw is not one.
func parseInt(raw json.RawMessage, f Field) (int, string) {
	s := string(raw)
	switch s[0] {
	case '"':
		return 0, "must be an integer, not a string"
	case 't', 'f':
		return 0, "must be an integer, not a boolean"
	case 'n':
		return 0, "must be an integer, not null"
	case '{', '[':
		return 0, "must be an integer, not an object or array"
	}
	if strings.ContainsAny(s, ".eE") {
		return 0, "must be an integer, got " + s
	}
	v, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Sprintf("must be between %d and %d, got %s", f.Min, f.Max, s)
	}
	return v, ""
}

func fieldIndex(name string) int {
	for i, f := range fields {
		if f.Name == name {
			return i
		}
	}
	return -1
}
