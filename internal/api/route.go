package api

import (
	"context"
	"fmt"
	"net/http"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/vigilsec/vigil/internal/store"
)

// route is one entry of the route table: how it is served and how the
// OpenAPI document describes it.
type route struct {
	method, path string
	auth         string // authNone, authScan, authAdmin, authBody, authInternal
	tag          string
	summary, doc string
	body         any // request body type (a zero value); nil for none
	query        any // pointer to a query parameter struct; nil for none
	resp         any // success body type; nil with contentType for non-JSON
	contentType  string
	status       int   // success status; default 200
	limit        int64 // body limit; default Config.MaxBodyBytes
	detector     bool  // needs the models (503 not_ready before Load)
	errs         []int // documented error statuses besides 500
	h            handlerFunc
}

func (rt route) pattern() string { return rt.method + " " + rt.path }

// register adds every route of the table to the mux and builds the
// OpenAPI document from the same table.
func (s *Server) register() error {
	s.routes = s.routeTable()
	for _, rt := range s.routes {
		s.mux.Handle(rt.pattern(), s.wrap(rt))
	}
	doc, err := s.buildOpenAPI()
	if err != nil {
		return fmt.Errorf("openapi: %w", err)
	}
	s.openapi = doc
	return nil
}

// wrap applies a route's body limit, authentication, rate limit and
// readiness check, and answers its error as a problem.
func (s *Server) wrap(rt route) http.Handler {
	limit := rt.limit
	if limit == 0 {
		limit = s.cfg.MaxBodyBytes
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r, err := s.guard(rt, limit, w, r)
		if err == nil {
			err = rt.h(w, r)
		}
		if err != nil {
			writeProblem(w, r, s.log, asProblem(err))
		}
	})
}

// guard runs the checks every request of a route passes before its
// handler, returning the request with the authenticated key in its
// context.
func (s *Server) guard(rt route, limit int64, w http.ResponseWriter, r *http.Request) (*http.Request, error) {
	if r.ContentLength > limit {
		return r, tooLarge(fmt.Sprintf("request body is larger than %d bytes", limit))
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	switch rt.auth {
	case authScan, authAdmin:
		k, err := s.authenticate(r.Context(), headerKey(r), rt.auth)
		if err == nil {
			err = s.rateLimit(r, k)
		}
		if err != nil {
			return r, err
		}
		r = r.WithContext(context.WithValue(r.Context(), keyCtx{}, k))
	case authInternal:
		if err := s.internalAccess(r); err != nil {
			return r, err
		}
	}
	if rt.detector && !s.Ready() {
		return r, notReady()
	}
	return r, nil
}

// rateLimit spends one request of the key's limit (the server default when
// the key has none).
func (s *Server) rateLimit(r *http.Request, k store.Key) error {
	perMinute := k.RateLimit
	if perMinute == 0 {
		perMinute = s.cfg.DefaultRateLimit
	}
	ok, wait := s.limits.take(k.ID, perMinute, s.now())
	if ok {
		return nil
	}
	s.m.rateLimited.WithLabelValues(r.Pattern).Inc()
	return rateLimited(retryAfter(wait))
}

// serveHTTP is the outermost handler: metrics, panic recovery, and
// problem answers for unknown paths and methods.
func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	s.inFlight.Add(1)
	sw := &statusWriter{ResponseWriter: w}
	_, pattern := s.mux.Handler(r)
	defer func() {
		s.recover(sw, r)
		s.inFlight.Add(-1)
		label := pattern
		if label == "" {
			label = "unmatched"
		}
		s.m.requests.WithLabelValues(label, strconv.Itoa(sw.status())).Inc()
		s.m.latency.WithLabelValues(label).Observe(time.Since(start).Seconds())
	}()
	if pattern == "" {
		writeProblem(sw, r, s.log, s.unmatched(r))
		return
	}
	s.mux.ServeHTTP(sw, r)
}

func (s *Server) recover(w *statusWriter, r *http.Request) {
	v := recover()
	if v == nil {
		return
	}
	if v == http.ErrAbortHandler {
		panic(v)
	}
	err := fmt.Errorf("panic: %v\n%s", v, debug.Stack())
	if w.code == 0 {
		writeProblem(w, r, s.log, internalError(err))
		return
	}
	s.log.Error("panic after the response started", "route", r.Pattern, "err", err)
}

// methods are those the 405 check tries.
var methods = []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}

// unmatched is 405 with Allow when the path exists for another method,
// else 404.
func (s *Server) unmatched(r *http.Request) *Problem {
	var allow []string
	for _, m := range methods {
		c := r.Clone(r.Context())
		c.Method = m
		if _, p := s.mux.Handler(c); p != "" {
			allow = append(allow, m)
		}
	}
	if len(allow) == 0 {
		return notFound("no route " + r.URL.Path + "; GET /openapi.json lists them")
	}
	p := newProblem(http.StatusMethodNotAllowed, CodeMethodNotAllowed, r.Method+" is not allowed here")
	p.allow = allow
	return p
}

// statusWriter records the status of a response; Unwrap lets
// http.ResponseController reach Flush and the write deadline.
type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *statusWriter) status() int {
	if w.code == 0 {
		return http.StatusOK
	}
	return w.code
}
