package session

import (
	"fmt"
	"strings"
)

// FieldError is one field's problem. Field is the JSON name, prefixed with
// the item index ("[3].failed_logins") in a batch.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// ValidationError lists every bad field of the input, in feature order
// (then unknown fields in input order). The API answers it with 422 and
// the list; the CLI prints it.
type ValidationError struct {
	Errors []FieldError
}

func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Errors))
	for i, f := range e.Errors {
		parts[i] = f.Field + ": " + f.Message
	}
	return "invalid session features: " + strings.Join(parts, "; ")
}

func (e *ValidationError) add(field, format string, args ...any) {
	e.Errors = append(e.Errors, FieldError{field, fmt.Sprintf(format, args...)})
}

// orNil returns e when it holds errors.
func (e *ValidationError) orNil() error {
	if len(e.Errors) == 0 {
		return nil
	}
	return e
}

// Validate checks that every feature lies in its range. It never changes
// a value.
func Validate(f Features) error {
	var ve ValidationError
	for i, v := range f.Values() {
		checkRange(&ve, i, v)
	}
	return ve.orNil()
}

func checkRange(ve *ValidationError, i, v int) {
	fd := fields[i]
	if v < fd.Min || v > fd.Max {
		if fd.Type == "binary" {
			ve.add(fd.Name, "must be 0 or 1, got %d", v)
			return
		}
		ve.add(fd.Name, "must be between %d and %d, got %d", fd.Min, fd.Max, v)
	}
}

// prefixed returns err's field errors with every field prefixed, for
// batches; other errors pass through.
func prefixed(err error, prefix string) []FieldError {
	ve, ok := err.(*ValidationError)
	if !ok {
		return []FieldError{{prefix, err.Error()}}
	}
	out := make([]FieldError, len(ve.Errors))
	for i, f := range ve.Errors {
		out[i] = FieldError{prefix + "." + f.Field, f.Message}
	}
	return out
}
