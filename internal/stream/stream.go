// Package stream reads line-oriented input (one command or one JSON object
// per line) with a bound on each line, so a scanner's memory does not grow
// with its input or with one hostile line, and an oversized line is
// reported and skipped rather than truncated or fatal.
package stream

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// ErrLineTooLong is returned (wrapped in a *LineError) for a line over the
// reader's limit; the line is skipped and reading goes on.
var ErrLineTooLong = errors.New("line too long")

// LineError is an error about one line; reading can continue after it.
type LineError struct {
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// Lines reads lines of at most max bytes (without the line end).
type Lines struct {
	r    *bufio.Reader
	max  int
	line int
	buf  []byte
}

// NewLines returns a line reader over r.
func NewLines(r io.Reader, max int) *Lines {
	return &Lines{r: bufio.NewReaderSize(r, 64<<10), max: max}
}

// Next returns the next line without its "\n" or "\r\n", and its 1-based
// number. At the end of input it returns io.EOF. A line over the limit
// yields a *LineError and is consumed. The returned slice is valid until
// the next call.
func (l *Lines) Next() ([]byte, int, error) {
	l.buf = l.buf[:0]
	tooLong := false
	for {
		chunk, err := l.r.ReadSlice('\n')
		if !tooLong {
			if len(l.buf)+len(chunk) > l.max+2 {
				tooLong, l.buf = true, l.buf[:0]
			} else {
				l.buf = append(l.buf, chunk...)
			}
		}
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case err == io.EOF && len(chunk) == 0 && len(l.buf) == 0 && !tooLong:
			return nil, l.line, io.EOF
		case err != nil && err != io.EOF:
			return nil, l.line, err
		}
		l.line++
		line := bytes.TrimSuffix(bytes.TrimSuffix(l.buf, []byte("\n")), []byte("\r"))
		if tooLong || len(line) > l.max {
			return nil, l.line, &LineError{Line: l.line, Err: fmt.Errorf("%w: over %d bytes", ErrLineTooLong, l.max)}
		}
		return line, l.line, nil
	}
}
