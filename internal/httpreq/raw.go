package httpreq

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// RawReader reads raw HTTP/1.x requests from a stream, one after another,
// the way the CSIC 2010 files hold them: a request line, header lines, an
// empty line, then the body (Content-Length bytes, or the lines up to the
// next request line when there is no Content-Length), with blank lines
// between requests. A request that cannot be parsed yields an error and the
// reader skips ahead to the next request line, so one bad request does not
// end the stream.
type RawReader struct {
	r       *bufio.Reader
	lim     Limits
	pending []byte // a request line read ahead while scanning a body
	havePen bool
	line    int // lines consumed, for error positions
	start   int // line number of the current request
}

// NewRawReader returns a reader over r with the given limits.
func NewRawReader(r io.Reader, lim Limits) *RawReader {
	return &RawReader{r: bufio.NewReaderSize(r, 64<<10), lim: lim}
}

// Line returns the line number at which the last request returned by Next
// (or the last error) started.
func (rr *RawReader) Line() int { return rr.start }

// maxLine bounds one request or header line: the request target holds the
// path and the query, so their limits plus room for the method and version.
func (rr *RawReader) maxLine() int { return rr.lim.MaxPath + rr.lim.MaxQuery + 64 }

// Next returns the next request. It returns io.EOF at the end of input and
// an error wrapping ErrMalformed or ErrTooLarge for a request it skipped;
// reading may continue after such an error.
func (rr *RawReader) Next() (*Request, error) {
	first, err := rr.firstLine()
	if err != nil {
		return nil, err
	}
	req, err := parseRequestLine(string(first))
	if err != nil {
		rr.skipToRequest()
		return nil, err
	}
	clen, err := rr.headers(req)
	if err != nil {
		rr.skipToRequest()
		return nil, err
	}
	if err := rr.body(req, clen); err != nil {
		return nil, err
	}
	if err := rr.lim.Check(req); err != nil {
		return nil, err
	}
	return req, nil
}

// firstLine skips blank lines and returns the next line.
func (rr *RawReader) firstLine() ([]byte, error) {
	for {
		b, err := rr.readLine()
		if err != nil {
			return nil, err
		}
		if len(bytes.TrimSpace(b)) > 0 {
			rr.start = rr.line
			return b, nil
		}
	}
}

// readLine returns the next line without its line end, honouring a line
// read ahead. A line over maxLine is consumed and reported as ErrTooLarge.
func (rr *RawReader) readLine() ([]byte, error) {
	if rr.havePen {
		rr.havePen = false
		return rr.pending, nil
	}
	var buf []byte
	tooLong := false
	for {
		chunk, err := rr.r.ReadSlice('\n')
		if !tooLong && len(buf)+len(chunk) <= rr.maxLine()+2 {
			buf = append(buf, chunk...)
		} else {
			tooLong, buf = true, nil
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err != nil && !(err == io.EOF && (len(chunk) > 0 || len(buf) > 0 || tooLong)) {
			return nil, err
		}
		rr.line++
		if tooLong {
			return nil, fmt.Errorf("%w: line %d over %d bytes", ErrTooLarge, rr.line, rr.maxLine())
		}
		return bytes.TrimSuffix(bytes.TrimSuffix(buf, []byte("\n")), []byte("\r")), nil
	}
}

// unread pushes a line back for the next readLine.
func (rr *RawReader) unread(b []byte) { rr.pending, rr.havePen = b, true }

// skipToRequest consumes lines up to (not including) the next request line.
func (rr *RawReader) skipToRequest() {
	for {
		b, err := rr.readLine()
		if errors.Is(err, ErrTooLarge) {
			continue
		}
		if err != nil {
			return
		}
		if looksLikeRequestLine(b) {
			rr.unread(b)
			return
		}
	}
}

// headers reads header lines up to the empty line and returns the
// Content-Length (-1 when absent).
func (rr *RawReader) headers(req *Request) (int, error) {
	clen, size := -1, 0
	for {
		b, err := rr.readLine()
		if err == io.EOF || err == nil && len(b) == 0 {
			return clen, nil
		}
		if err != nil {
			return 0, err
		}
		if b[0] == ' ' || b[0] == '\t' {
			if len(req.Headers) == 0 {
				return 0, fmt.Errorf("%w: line %d: continuation before any header", ErrMalformed, rr.line)
			}
			req.Headers[len(req.Headers)-1].Value += " " + strings.TrimSpace(string(b))
			continue
		}
		h, err := parseHeader(b)
		if err != nil {
			return 0, fmt.Errorf("line %d: %w", rr.line, err)
		}
		size += len(h.Name) + len(h.Value)
		if len(req.Headers) >= rr.lim.MaxHeaders || size > rr.lim.MaxHeaderBytes {
			return 0, fmt.Errorf("%w: headers over %d or %d bytes", ErrTooLarge, rr.lim.MaxHeaders, rr.lim.MaxHeaderBytes)
		}
		req.Headers = append(req.Headers, h)
		if strings.EqualFold(h.Name, "Content-Length") {
			if clen, err = strconv.Atoi(strings.TrimSpace(h.Value)); err != nil || clen < 0 {
				return 0, fmt.Errorf("%w: Content-Length %q", ErrMalformed, h.Value)
			}
		}
	}
}

func parseHeader(b []byte) (Header, error) {
	name, value, ok := bytes.Cut(b, []byte(":"))
	if !ok || len(name) == 0 || !validMethod(string(name)) {
		return Header{}, fmt.Errorf("%w: header line %q", ErrMalformed, clipBytes(b, 40))
	}
	return Header{Name: string(name), Value: strings.TrimSpace(string(value))}, nil
}

// body reads Content-Length bytes, or without one the lines up to the next
// request line.
func (rr *RawReader) body(req *Request, clen int) error {
	if clen > rr.lim.MaxBody {
		io.CopyN(io.Discard, rr.r, int64(clen))
		return fmt.Errorf("%w: Content-Length %d over %d bytes", ErrTooLarge, clen, rr.lim.MaxBody)
	}
	if clen >= 0 {
		b := make([]byte, clen)
		n, err := io.ReadFull(rr.r, b)
		rr.line += bytes.Count(b[:n], []byte("\n"))
		if err != nil && n < clen {
			return fmt.Errorf("%w: body shorter than Content-Length %d", ErrMalformed, clen)
		}
		req.Body = string(b)
		return nil
	}
	return rr.bodyLines(req)
}

func (rr *RawReader) bodyLines(req *Request) error {
	var body []byte
	for {
		b, err := rr.readLine()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if looksLikeRequestLine(b) {
			rr.unread(b)
			break
		}
		if len(body)+len(b) > rr.lim.MaxBody {
			rr.skipToRequest()
			return fmt.Errorf("%w: body over %d bytes", ErrTooLarge, rr.lim.MaxBody)
		}
		body = append(append(body, b...), '\n')
	}
	req.Body = string(bytes.TrimRight(body, "\r\n"))
	return nil
}

// ParseRaw parses a single raw request.
func ParseRaw(text string, lim Limits) (*Request, error) {
	rr := NewRawReader(strings.NewReader(text), lim)
	req, err := rr.Next()
	if err == io.EOF {
		return nil, ErrEmpty
	}
	return req, err
}

func clipBytes(b []byte, n int) string {
	if len(b) > n {
		return string(b[:n]) + "…"
	}
	return string(b)
}
