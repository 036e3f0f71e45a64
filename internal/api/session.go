package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/vigilsec/vigil/internal/session"
)

// maxSessionBatch bounds POST /v1/session/predict-batch.
const maxSessionBatch = 1000

// SessionBatchRequest is the body of POST /v1/session/predict-batch. A
// bare JSON array of sessions is accepted too.
type SessionBatchRequest struct {
	Sessions []session.Features `json:"sessions" doc:"at most 1000 sessions, each with exactly the six features"`
}

// SessionBatchResponse answers POST /v1/session/predict-batch.
type SessionBatchResponse struct {
	Results        []session.Prediction `json:"results" doc:"in input order"`
	TotalProcessed int                  `json:"total_processed"`
	HighRiskCount  int                  `json:"high_risk_count" doc:"results with risk_score ≥ 5"`
}

func (s *Server) sessionRoutes() []route {
	errs := []int{400, 401, 403, 413, 422, 429}
	return []route{
		{method: "GET", path: "/v1/session/features", auth: authScan, tag: "session",
			summary: "The session features: names, types, ranges and order",
			resp:    session.FeatureSpec{}, errs: []int{401, 403, 429}, h: s.handleSessionFeatures},
		{method: "POST", path: "/v1/session/predict", auth: authScan, tag: "session",
			summary: "Classify one session: attack type, risk score 1–10, anomaly, per-feature contributions",
			doc:     "The body holds exactly the six features as integers in their ranges (GET /v1/session/features). Out-of-range values, wrong types, missing and unknown fields are 422 with one message per field; nothing is clamped.",
			body:    session.Features{}, resp: session.Prediction{}, errs: errs, h: s.handleSessionPredict},
		{method: "POST", path: "/v1/session/predict-batch", auth: authScan, tag: "session",
			summary: "Classify up to 1000 sessions",
			doc:     "All sessions are validated first; any invalid one makes the whole request 422, its fields named sessions[i].field.",
			body:    SessionBatchRequest{}, resp: SessionBatchResponse{}, errs: errs, h: s.handleSessionBatch},
	}
}

func (s *Server) handleSessionFeatures(w http.ResponseWriter, r *http.Request) error {
	return writeJSON(w, http.StatusOK, session.Spec())
}

func (s *Server) handleSessionPredict(w http.ResponseWriter, r *http.Request) error {
	b, err := readBody(r)
	if err != nil {
		return err
	}
	f, err := session.DecodeFeatures(b)
	if err != nil {
		return sessionError(err, "")
	}
	p, err := s.sess.Predict(f)
	if err != nil {
		return sessionError(err, "")
	}
	k, _ := keyFrom(r.Context())
	s.usage.Add(k.ID, 1)
	return writeJSON(w, http.StatusOK, p)
}

func (s *Server) handleSessionBatch(w http.ResponseWriter, r *http.Request) error {
	items, err := sessionItems(r)
	if err != nil {
		return err
	}
	feats := make([]session.Features, len(items))
	var fields []FieldError
	for i, raw := range items {
		f, err := session.DecodeFeatures(raw)
		if err != nil {
			fields = append(fields, sessionFields(err, fmt.Sprintf("sessions[%d].", i))...)
		}
		feats[i] = f
	}
	if len(fields) > 0 {
		return unprocessable(fields)
	}
	preds, err := s.sess.PredictBatch(feats)
	if err != nil {
		return sessionError(err, "sessions")
	}
	resp := SessionBatchResponse{Results: preds, TotalProcessed: len(preds)}
	for i := range preds {
		if preds[i].HighRisk() {
			resp.HighRiskCount++
		}
	}
	k, _ := keyFrom(r.Context())
	s.usage.Add(k.ID, int64(len(preds)))
	return writeJSON(w, http.StatusOK, resp)
}

// sessionItems reads the batch body: {"sessions": [...]} or a bare array.
func sessionItems(r *http.Request) ([]json.RawMessage, error) {
	b, err := readBody(r)
	if err != nil {
		return nil, err
	}
	var items []json.RawMessage
	if err := json.Unmarshal(b, &items); err != nil {
		var req struct {
			Sessions []json.RawMessage `json:"sessions"`
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&req); err != nil {
			return nil, jsonError(err)
		}
		items = req.Sessions
	}
	switch {
	case len(items) == 0:
		return nil, fieldError("sessions", "at least one session is required")
	case len(items) > maxSessionBatch:
		return nil, fieldError("sessions", fmt.Sprintf("at most %d sessions per request, got %d", maxSessionBatch, len(items)))
	}
	return items, nil
}

func readBody(r *http.Request) ([]byte, error) {
	b, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, bodyError(err)
	}
	return b, nil
}

// sessionError maps the session package's errors: validation → 422 with
// the fields, malformed JSON → 400.
func sessionError(err error, prefix string) error {
	var ve *session.ValidationError
	switch {
	case errors.As(err, &ve):
		return unprocessable(sessionFields(err, prefix))
	case errors.Is(err, session.ErrMalformed):
		return badRequest(err.Error())
	}
	return err
}

func sessionFields(err error, prefix string) []FieldError {
	var ve *session.ValidationError
	if !errors.As(err, &ve) {
		return []FieldError{{Field: prefix + "body", Message: err.Error()}}
	}
	out := make([]FieldError, len(ve.Errors))
	for i, fe := range ve.Errors {
		out[i] = FieldError{Field: prefix + fe.Field, Message: fe.Message}
	}
	return out
}

// unprocessable is a 422 listing every bad field.
func unprocessable(fields []FieldError) *Problem {
	p := newProblem(http.StatusUnprocessableEntity, CodeInvalid, fmt.Sprintf("%d invalid field(s)", len(fields)))
	p.Errors = fields
	return p
}
