package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/vigilsec/vigil/internal/httpreq"
	"github.com/vigilsec/vigil/internal/stream"
)

// httpError is the output object of a request that could not be scanned.
type httpError struct {
	Line  int    `json:"line"`
	Error string `json:"error"`
	Code  string `json:"code"`
}

// httpErrorCode is the stable code of a request error.
func httpErrorCode(err error) string {
	switch {
	case errors.Is(err, httpreq.ErrEmpty):
		return "empty"
	case errors.Is(err, httpreq.ErrTooLarge), errors.Is(err, stream.ErrLineTooLong):
		return "too_large"
	}
	return "malformed"
}

// httpWriter writes results in one format and keeps the first error.
type httpWriter struct {
	w      io.Writer
	format string
	enc    *json.Encoder
	err    error
	header bool
}

func newHTTPWriter(w io.Writer, format string) *httpWriter {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if format == "json" {
		enc.SetIndent("", "  ")
	}
	return &httpWriter{w: w, format: format, enc: enc}
}

func (h *httpWriter) write(it httpItem) {
	if h.err != nil {
		return
	}
	if h.format == "table" {
		h.table(it)
		return
	}
	if it.err != nil {
		h.err = h.enc.Encode(httpError{Line: it.line, Error: it.err.Error(), Code: httpErrorCode(it.err)})
		return
	}
	h.err = h.enc.Encode(it.verdict)
}

func (h *httpWriter) table(it httpItem) {
	const row = "%-6s %-7s %5s %-14s %7s %-7s %s\n"
	if !h.header {
		h.header = true
		_, h.err = fmt.Fprintf(h.w, row, "LINE", "LABEL", "SCORE", "TYPE", "ANOMALY", "METHOD", "PATH / ERROR")
	}
	if it.err != nil {
		_, h.err = fmt.Fprintf(h.w, row, fmt.Sprint(it.line), "error", "-", "-", "-", "-", it.err)
		return
	}
	v, typ := it.verdict, "-"
	if v.AttackType != nil {
		typ = *v.AttackType
	}
	_, h.err = fmt.Fprintf(h.w, row, fmt.Sprint(it.line), v.Label, fmt.Sprintf("%.2f", v.Score), typ,
		fmt.Sprintf("%.2f", v.Anomaly), clip(v.Method, 7), clip(oneLine(v.Path), 80))
}
