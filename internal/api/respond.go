package api

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
)

// handlerFunc is an HTTP handler that returns its error; the route wrapper
// answers the error as a problem.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// writeJSON sends v with status.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// writeProblem sends p, logging the cause of a server-side problem under a
// request id that the client also gets (problems without a cause, such as
// not_ready, are not logged).
func writeProblem(w http.ResponseWriter, r *http.Request, log *slog.Logger, p *Problem) {
	if p.Instance == "" {
		p.Instance = r.URL.Path
	}
	if p.Status >= 500 && p.cause != nil {
		p.RequestID = newRequestID()
		log.LogAttrs(r.Context(), slog.LevelError, "request failed",
			slog.String("request_id", p.RequestID), slog.String("route", r.Pattern),
			slog.Int("status", p.Status), slog.String("code", p.Code), slog.Any("err", p.cause))
	}
	h := w.Header()
	h.Set("Content-Type", "application/problem+json")
	h.Set("Cache-Control", "no-store")
	if p.retryAfter > 0 {
		h.Set("Retry-After", strconv.Itoa(p.retryAfter))
	}
	if len(p.allow) > 0 {
		h.Set("Allow", strings.Join(p.allow, ", "))
	}
	w.WriteHeader(p.Status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(p) // the client has gone if this fails; nothing left to tell it
}
