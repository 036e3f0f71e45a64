package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/vigilsec/vigil/internal/httpreq"
	hdetect "github.com/vigilsec/vigil/internal/httpreq/detect"
	"github.com/vigilsec/vigil/internal/store"
	"github.com/vigilsec/vigil/models"
)

// httpDetector names HTTP verdicts in alerts and metrics.
const httpDetector = "http"

// httpTechnique is the ATT&CK technique of an attack on a web application:
// T1190, Exploit Public-Facing Application.
const httpTechnique = "T1190"

// HTTPRequest is one request to scan, in any shape `vigil http scan
// --input jsonl` reads: vigil's own, the SecuritAI access-log shape or ECS
// fields. It documents the body; the handler parses it with
// httpreq.ParseJSON.
type HTTPRequest struct {
	Method         string          `json:"method,omitempty"`
	Path           string          `json:"path,omitempty"`
	Query          json.RawMessage `json:"query,omitempty" doc:"a query string, or an object of decoded values"`
	Body           string          `json:"body,omitempty" doc:"the request body; requestPayload may hold a JSON value instead"`
	Headers        json.RawMessage `json:"headers,omitempty" doc:"an object of header values, or a [{name, value}] list"`
	Timestamp      string          `json:"timestamp,omitempty"`
	StatusCode     int             `json:"statusCode,omitempty"`
	RequestPayload json.RawMessage `json:"requestPayload,omitempty"`
}

// HTTPBatchRequest is the body of POST /v1/http/scan/batch.
type HTTPBatchRequest struct {
	Requests []json.RawMessage `json:"requests" doc:"1 to max_batch (default 256) requests, each as for POST /v1/http/scan"`
}

// HTTPBatchResponse holds one result per request, in input order.
type HTTPBatchResponse struct {
	Results []HTTPBatchResult `json:"results"`
}

// HTTPBatchResult is a verdict, or an ItemError for a request that could
// not be scanned.
type HTTPBatchResult struct {
	Verdict *hdetect.Verdict
	Error   *ItemError
}

// MarshalJSON writes the verdict or the error object.
func (b HTTPBatchResult) MarshalJSON() ([]byte, error) {
	if b.Error != nil {
		return json.Marshal(b.Error)
	}
	return json.Marshal(b.Verdict)
}

// jsonSchema documents HTTPBatchResult as one of its two shapes.
func (HTTPBatchResult) jsonSchema(g *schemaGen) map[string]any {
	return map[string]any{"oneOf": []any{g.schema(typeOf[hdetect.Verdict]()), g.schema(typeOf[ItemError]())}}
}

func (s *Server) httpRoutes() []route {
	return []route{
		{method: "POST", path: "/v1/http/scan", auth: authScan, tag: "http",
			summary: "Scan one HTTP request",
			doc:     "Returns the same verdict object as `vigil http scan --format json`: label (attack | normal), score, attack_type, anomaly, scores, evidence, elapsed_us. An attack becomes an alert (detector http, technique T1190) with its attack type.",
			body:    HTTPRequest{}, resp: hdetect.Verdict{}, errs: keyErrs, h: s.handleHTTPScan},
		{method: "POST", path: "/v1/http/scan/batch", auth: authScan, tag: "http", limit: s.cfg.MaxBatchBodyBytes,
			summary: "Scan up to max_batch HTTP requests",
			doc:     "Results come in input order; a request that cannot be scanned (malformed, empty, too large) yields an error object in its place.",
			body:    HTTPBatchRequest{}, resp: HTTPBatchResponse{}, errs: keyErrs, h: s.handleHTTPBatch},
	}
}

func (s *Server) handleHTTPScan(w http.ResponseWriter, r *http.Request) error {
	b, err := readBody(r)
	if err != nil {
		return err
	}
	k, _ := keyFrom(r.Context())
	v, err := s.scanHTTP(b, k.ID)
	if err != nil {
		return httpRequestError("", err)
	}
	s.usage.Add(k.ID, 1)
	return writeJSON(w, http.StatusOK, v)
}

func (s *Server) handleHTTPBatch(w http.ResponseWriter, r *http.Request) error {
	var req HTTPBatchRequest
	if err := decodeJSON(r, &req); err != nil {
		return err
	}
	switch n := len(req.Requests); {
	case n == 0:
		return fieldError("requests", "must hold at least one request")
	case n > s.cfg.MaxBatch:
		msg := fmt.Sprintf("holds %d requests; at most %d per request", n, s.cfg.MaxBatch)
		return tooLarge("requests: "+msg, FieldError{"requests", msg})
	}
	k, _ := keyFrom(r.Context())
	res := make([]HTTPBatchResult, len(req.Requests))
	scanned := 0
	for i, raw := range req.Requests {
		v, err := s.scanHTTP(raw, k.ID)
		var p *Problem
		switch {
		case errors.As(err, &p):
			return p // not ready
		case err != nil:
			res[i].Error = &ItemError{Index: i, Error: err.Error(), Code: httpCode(err)}
		default:
			res[i].Verdict = v
			scanned++
		}
	}
	s.usage.Add(k.ID, int64(scanned))
	return writeJSON(w, http.StatusOK, HTTPBatchResponse{Results: res})
}

// scanHTTP parses and scans one request, counts the verdict and queues an
// alert for an attack.
func (s *Server) scanHTTP(b []byte, keyID string) (*hdetect.Verdict, error) {
	if s.http == nil {
		return nil, notReady()
	}
	req, err := httpreq.ParseJSON(b, s.http.Limits())
	if err != nil {
		return nil, err
	}
	v, err := s.http.Scan(req)
	if err != nil {
		return nil, err
	}
	s.m.verdicts.WithLabelValues(httpDetector, v.Label).Inc()
	if v.Label == "attack" {
		s.httpAlert(req, v, keyID)
	}
	return v, nil
}

// httpAlert queues an attack as an alert: the subject names the attack
// type and the request line, the evidence is the whole verdict.
func (s *Server) httpAlert(req *httpreq.Request, v *hdetect.Verdict, keyID string) {
	ev, err := json.Marshal(v)
	if err != nil {
		s.log.Error("encode HTTP verdict for an alert", "err", err)
		return
	}
	typ := "attack"
	if v.AttackType != nil {
		typ = *v.AttackType
	}
	target := req.Path
	if req.Query != "" {
		target += "?" + req.Query
	}
	subject := clipSubject(fmt.Sprintf("[%s] %s %s", typ, req.Method, target), 512)
	s.rec.Record(store.Alert{Detector: httpDetector, Subject: subject, Label: v.Label, Action: typ,
		Confidence: v.Score, Techniques: []string{httpTechnique}, Evidence: ev, KeyID: keyID})
}

func clipSubject(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "") + "…"
}

// httpRequestError maps the parsers' and detector's errors to problems.
func httpRequestError(prefix string, err error) error {
	var p *Problem
	switch {
	case errors.As(err, &p):
		return p
	case errors.Is(err, httpreq.ErrTooLarge):
		return tooLarge(prefix + err.Error())
	}
	return badRequest(prefix + err.Error())
}

func httpCode(err error) string {
	switch {
	case errors.Is(err, httpreq.ErrEmpty):
		return "empty"
	case errors.Is(err, httpreq.ErrTooLarge):
		return "too_large"
	}
	return "malformed"
}

// loadHTTP loads the embedded HTTP models.
func loadHTTP() (*hdetect.Detector, error) {
	m, err := hdetect.LoadModels(models.FS)
	if err != nil {
		return nil, fmt.Errorf("load HTTP models: %w", err)
	}
	return hdetect.New(m)
}
