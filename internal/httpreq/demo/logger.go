package demo

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// LabelHeader carries the client's label: the attack type, absent for
// normal requests. The logger strips it.
const LabelHeader = "Attack"

// maxLoggedBody bounds the body the logger reads and records.
const maxLoggedBody = 64 << 10

// Record is one access-log entry in the SecuritAI shape, with the label.
type Record struct {
	Timestamp      string            `json:"timestamp"`
	Method         string            `json:"method"`
	Path           string            `json:"path"`
	Query          map[string]any    `json:"query"`
	StatusCode     int               `json:"statusCode"`
	Source         Source            `json:"source"`
	Headers        map[string]string `json:"headers"`
	RequestPayload string            `json:"requestPayload,omitempty"`
	Label          string            `json:"label"`
	AttackType     string            `json:"attack_type,omitempty"`
}

// Source is the client address.
type Source struct {
	RemoteAddress string `json:"remoteAddress"`
}

// Logger wraps a handler and writes one record per request to JSONL and,
// when set, a combined-format line (with the label as a last quoted field)
// to CLF; Sink, when set, receives every record too.
type Logger struct {
	Next  http.Handler
	JSONL io.Writer
	CLF   io.Writer
	Sink  func(Record)
	Now   func() time.Time
	mu    sync.Mutex
}

func (l *Logger) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	label := r.Header.Get(LabelHeader)
	r.Header.Del(LabelHeader) // neither the application nor the log sees it
	body, _ := io.ReadAll(io.LimitReader(r.Body, maxLoggedBody))
	r.Body = io.NopCloser(bytes.NewReader(body))
	rw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
	l.Next.ServeHTTP(rw, r)
	rec := l.record(r, body, rw, label)
	l.write(rec, r, rw)
	if l.Sink != nil {
		l.Sink(rec)
	}
}

func (l *Logger) record(r *http.Request, body []byte, rw *statusWriter, label string) Record {
	now := time.Now
	if l.Now != nil {
		now = l.Now
	}
	host, _, _ := net.SplitHostPort(r.RemoteAddr)
	rec := Record{Timestamp: now().UTC().Format(time.RFC3339Nano), Method: r.Method, Path: r.URL.Path,
		Query: map[string]any{}, StatusCode: rw.status, Source: Source{RemoteAddress: host},
		Headers: map[string]string{}, RequestPayload: string(body), Label: "normal"}
	for k, vs := range r.URL.Query() {
		if len(vs) == 1 {
			rec.Query[k] = vs[0]
		} else {
			rec.Query[k] = vs
		}
	}
	for _, h := range []string{"User-Agent", "Content-Type", "Referer"} {
		if v := r.Header.Get(h); v != "" {
			rec.Headers[strings.ToLower(h)] = v
		}
	}
	if label != "" {
		rec.Label, rec.AttackType = "attack", label
	}
	return rec
}

func (l *Logger) write(rec Record, r *http.Request, rw *statusWriter) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.JSONL != nil {
		b, _ := json.Marshal(rec)
		l.JSONL.Write(append(b, '\n'))
	}
	if l.CLF != nil {
		t, _ := time.Parse(time.RFC3339Nano, rec.Timestamp)
		fmt.Fprintf(l.CLF, "%s - - [%s] %q %d %d %q %q %q\n", rec.Source.RemoteAddress, t.Format("02/Jan/2006:15:04:05 -0700"),
			r.Method+" "+r.URL.RequestURI()+" "+r.Proto, rw.status, rw.n, orDash(r.Referer()), orDash(r.UserAgent()), "label="+labelText(rec))
	}
}

func labelText(rec Record) string {
	if rec.AttackType != "" {
		return rec.Label + ":" + rec.AttackType
	}
	return rec.Label
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

type statusWriter struct {
	http.ResponseWriter
	status, n int
}

func (s *statusWriter) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusWriter) Write(b []byte) (int, error) {
	n, err := s.ResponseWriter.Write(b)
	s.n += n
	return n, err
}
