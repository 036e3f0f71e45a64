package api

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strconv"
)

// Stable problem codes: clients branch on these, never on the text.
const (
	CodeBadRequest       = "bad_request"
	CodeUnauthorized     = "unauthorized"
	CodeForbidden        = "forbidden"
	CodeNotFound         = "not_found"
	CodeMethodNotAllowed = "method_not_allowed"
	CodeTooLarge         = "too_large"
	CodeRateLimited      = "rate_limited"
	CodeInternal         = "internal"
	CodeNotReady         = "not_ready"
	CodeStoreUnavailable = "store_unavailable"
	CodeUnavailable      = "unavailable"
	CodeInvalid          = "invalid"
)

// Problem is an RFC 9457 problem detail, sent as application/problem+json.
// Its text is safe to show; the internal cause is logged, never sent.
type Problem struct {
	Type      string       `json:"type" doc:"always about:blank: the status and code say what went wrong"`
	Title     string       `json:"title" doc:"the HTTP status text"`
	Status    int          `json:"status"`
	Detail    string       `json:"detail,omitempty" doc:"what went wrong, safe to show"`
	Instance  string       `json:"instance,omitempty" doc:"the request path"`
	Code      string       `json:"code" doc:"stable machine-readable code: bad_request, unauthorized, forbidden, not_found, method_not_allowed, too_large, rate_limited, internal, not_ready, store_unavailable, unavailable, invalid (422)"`
	Errors    []FieldError `json:"errors,omitempty" doc:"field-level detail of a 400 or 413"`
	RequestID string       `json:"request_id,omitempty" doc:"quoted in the server log next to the cause of a 5xx"`
	// Error repeats the message Genos sent, on the Genos-compatible routes.
	GenosError string `json:"error,omitempty" doc:"Genos-compatible message (POST /scan and /scan/internal only)"`

	retryAfter int      // seconds, sent as Retry-After
	allow      []string // methods, sent as Allow with a 405
	cause      error    // logged, never sent
}

// FieldError names one bad field of a request.
type FieldError struct {
	Field   string `json:"field" doc:"JSON field or query parameter, e.g. command or commands[3]"`
	Message string `json:"message"`
}

func (p *Problem) Error() string {
	if p.cause != nil {
		return fmt.Sprintf("%s: %s: %v", p.Code, p.Detail, p.cause)
	}
	return p.Code + ": " + p.Detail
}

func (p *Problem) Unwrap() error { return p.cause }

func newProblem(status int, code, detail string) *Problem {
	return &Problem{Type: "about:blank", Title: http.StatusText(status), Status: status, Code: code, Detail: detail}
}

func badRequest(detail string, fields ...FieldError) *Problem {
	p := newProblem(http.StatusBadRequest, CodeBadRequest, detail)
	p.Errors = fields
	return p
}

// fieldError is a 400 about one field.
func fieldError(field, msg string) *Problem {
	return badRequest(field+": "+msg, FieldError{field, msg})
}

func unauthorized(detail string) *Problem {
	return newProblem(http.StatusUnauthorized, CodeUnauthorized, detail)
}

func forbidden(detail string) *Problem {
	return newProblem(http.StatusForbidden, CodeForbidden, detail)
}

func notFound(detail string) *Problem { return newProblem(http.StatusNotFound, CodeNotFound, detail) }

func tooLarge(detail string, fields ...FieldError) *Problem {
	p := newProblem(http.StatusRequestEntityTooLarge, CodeTooLarge, detail)
	p.Errors = fields
	return p
}

func rateLimited(retryAfter int) *Problem {
	p := newProblem(http.StatusTooManyRequests, CodeRateLimited,
		"rate limit of this API key exceeded; retry after "+strconv.Itoa(retryAfter)+"s")
	p.retryAfter = retryAfter
	return p
}

func notReady() *Problem {
	p := newProblem(http.StatusServiceUnavailable, CodeNotReady, "models are loading; retry shortly")
	p.retryAfter = 1
	return p
}

func storeUnavailable(cause error) *Problem {
	p := newProblem(http.StatusServiceUnavailable, CodeStoreUnavailable, "the database is unavailable; retry later")
	p.retryAfter, p.cause = 5, cause
	return p
}

func internalError(cause error) *Problem {
	p := newProblem(http.StatusInternalServerError, CodeInternal, "internal error; the server log has the cause under this request_id")
	p.cause = cause
	return p
}

// asProblem turns any handler error into a problem: a *Problem stays as it
// is, anything else is a 500 whose cause is logged.
func asProblem(err error) *Problem {
	var p *Problem
	if errors.As(err, &p) {
		return p
	}
	return internalError(err)
}

func newRequestID() string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported platforms
	return hex.EncodeToString(b[:])
}
