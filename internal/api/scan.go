package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/vigilsec/vigil/internal/allowlist"
	"github.com/vigilsec/vigil/internal/command"
	"github.com/vigilsec/vigil/internal/command/detect"
	"github.com/vigilsec/vigil/internal/store"
)

// ScanRequest is the body of POST /v1/scan.
type ScanRequest struct {
	Command string `json:"command" doc:"the command line (sh, PowerShell or cmd), at most 64 KiB"`
}

func (s *Server) handleScan(w http.ResponseWriter, r *http.Request) error {
	var req ScanRequest
	if err := decodeJSON(r, &req); err != nil {
		return err
	}
	k, _ := keyFrom(r.Context())
	v, err := s.scan(req.Command, k.ID)
	if err != nil {
		return commandError("command", err)
	}
	s.usage.Add(k.ID, 1)
	return writeJSON(w, http.StatusOK, v)
}

// scan runs the detector and the allow rules on one command line, counts
// the verdict and queues an alert when it reaches the alert level.
func (s *Server) scan(line, keyID string) (*detect.Verdict, error) {
	det := s.det.Load()
	if det == nil {
		return nil, notReady()
	}
	v, err := det.Scan(line)
	if err != nil {
		return nil, err
	}
	if s.allow.Apply(v) {
		s.m.suppressed.Inc()
	}
	s.m.verdicts.WithLabelValues(allowlist.Detector, v.Label).Inc()
	if labelRank(v.Label) >= s.level {
		s.alert(v, keyID)
	}
	return v, nil
}

// alert queues a verdict as an alert, its whole verdict as evidence.
func (s *Server) alert(v *detect.Verdict, keyID string) {
	ev, err := json.Marshal(v)
	if err != nil {
		s.log.Error("encode verdict for an alert", "err", err)
		return
	}
	techs := make([]string, len(v.Techniques))
	for i, t := range v.Techniques {
		techs[i] = t.ID
	}
	s.rec.Record(store.Alert{Detector: allowlist.Detector, Subject: v.Command, Label: v.Label, Action: v.Action,
		Confidence: v.Confidence, Techniques: techs, Evidence: ev, KeyID: keyID})
}

// commandError is the problem of a command the detector refused.
func commandError(field string, err error) error {
	switch {
	case errors.Is(err, command.ErrEmpty):
		return fieldError(field, "must not be empty")
	case errors.Is(err, command.ErrTooLarge):
		return tooLarge(field+": "+err.Error(), FieldError{field, err.Error()})
	}
	var p *Problem
	if errors.As(err, &p) {
		return p
	}
	return internalError(fmt.Errorf("scan: %w", err))
}
