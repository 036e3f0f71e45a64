package session

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/vigilsec/vigil/internal/stream"
)

// maxLine bounds one JSONL input line; a session record is ~200 bytes.
const maxLine = 64 << 10

// WriteJSONL writes examples one JSON object per line.
func WriteJSONL(w io.Writer, examples []Example) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	for i := range examples {
		if err := enc.Encode(&examples[i]); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// ReadJSONL reads labelled examples as WriteJSONL writes them, with the
// same strict feature checks as prediction input plus a known label.
func ReadJSONL(r io.Reader) ([]Example, error) {
	lines := stream.NewLines(r, maxLine)
	var out []Example
	for {
		b, n, err := lines.Next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		ex, err := decodeExample(b)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		out = append(out, ex)
	}
}

func decodeExample(b []byte) (Example, error) {
	var label, prof json.RawMessage
	f, err := decode(b, map[string]*json.RawMessage{"label": &label, "profile": &prof})
	if err != nil {
		return Example{}, err
	}
	ex := Example{Features: f}
	if label == nil || json.Unmarshal(label, &ex.Label) != nil || ClassIndex(ex.Label) < 0 {
		return Example{}, &ValidationError{[]FieldError{{"label", fmt.Sprintf("must be one of %v", Classes)}}}
	}
	if prof != nil && json.Unmarshal(prof, &ex.Profile) != nil {
		return Example{}, &ValidationError{[]FieldError{{"profile", "must be a string"}}}
	}
	return ex, nil
}
