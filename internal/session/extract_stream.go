package session

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/vigilsec/vigil/internal/stream"
)

// Input formats of Extract.
const (
	InputHTTPJSONL     = "http-jsonl"
	InputCLF           = "clf"
	InputCommandsJSONL = "commands-jsonl"
)

// maxEventLine bounds one log line; longer lines are reported and skipped.
const maxEventLine = 1 << 20

// Parser reads one log line of a format.
type Parser func(line []byte) (Event, error)

// ParserFor returns the parser of an input format.
func ParserFor(format string) (Parser, error) {
	switch format {
	case InputHTTPJSONL:
		return ParseHTTPJSON, nil
	case InputCLF:
		return func(b []byte) (Event, error) { return ParseCLF(string(b)) }, nil
	case InputCommandsJSONL:
		return ParseCommandJSON, nil
	}
	return nil, fmt.Errorf("input format %q: want %s, %s or %s", format, InputHTTPJSONL, InputCLF, InputCommandsJSONL)
}

// Extract reads log lines of one format from r into x and flushes it at
// the end. A line that cannot be read (malformed, no timestamp, too long)
// goes to onErr and reading goes on; blank lines are skipped.
func Extract(r io.Reader, parse Parser, x *Extractor, onErr func(line int, err error)) error {
	lines := stream.NewLines(r, maxEventLine)
	for {
		b, n, err := lines.Next()
		if errors.Is(err, io.EOF) {
			return x.Flush()
		}
		var le *stream.LineError
		switch {
		case errors.As(err, &le):
			onErr(n, err)
			continue
		case err != nil:
			return err
		case len(strings.TrimSpace(string(b))) == 0:
			continue
		}
		e, err := parse(b)
		if err == nil {
			err = x.Add(e)
		}
		if err != nil {
			onErr(n, err)
		}
	}
}

// Limits on a honeytoken list: enough for any deployment's decoys, small
// enough that matching every event against it stays cheap.
const (
	maxHoneytokens   = 10_000
	maxHoneytokenLen = 1024
)

// ReadHoneytokens reads a honeytoken list: one path or value per line,
// blank lines and lines starting with # ignored.
func ReadHoneytokens(r io.Reader) ([]string, error) {
	lines := stream.NewLines(r, maxHoneytokenLen)
	var out []string
	for {
		b, n, err := lines.Next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("honeytokens line %d: %w", n, err)
		}
		t := strings.TrimSpace(string(b))
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		if len(out) == maxHoneytokens {
			return nil, fmt.Errorf("honeytokens: more than %d entries", maxHoneytokens)
		}
		out = append(out, t)
	}
}
