package api

import (
	"io"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/vigilsec/vigil/internal/alerting"
	"github.com/vigilsec/vigil/internal/allowlist"
	"github.com/vigilsec/vigil/internal/command/detect"
	"github.com/vigilsec/vigil/internal/store"
)

// AlertQuery are the filters of GET /v1/alerts.
type AlertQuery struct {
	Label     string    `query:"label" doc:"Benign, Suspicious or Malicious"`
	Technique string    `query:"technique" doc:"ATT&CK id; a parent id (T1059) also matches its sub-techniques"`
	Status    string    `query:"status" doc:"new, acknowledged or false_positive"`
	Detector  string    `query:"detector" doc:"the detector that raised it, e.g. command"`
	Since     time.Time `query:"since" doc:"RFC 3339; alerts created at or after this time"`
	Until     time.Time `query:"until" doc:"RFC 3339; alerts created before this time"`
	Limit     int       `query:"limit" doc:"page size, default 50, at most 500"`
	Cursor    string    `query:"cursor" doc:"next_cursor of the previous page"`
}

// FalsePositive is the answer of POST /v1/alerts/{id}/false-positive.
type FalsePositive struct {
	Alert     store.Alert     `json:"alert"`
	AllowRule store.AllowRule `json:"allow_rule"`
	Created   bool            `json:"created" doc:"false when an allow rule for this pattern existed already"`
}

// AllowRules lists the allow rules.
type AllowRules struct {
	Rules []store.AllowRule `json:"rules"`
}

func (s *Server) handleListAlerts(w http.ResponseWriter, r *http.Request) error {
	var q AlertQuery
	if err := bindQuery(r.URL.Query(), &q); err != nil {
		return err
	}
	if q.Label != "" && !slices.Contains(detect.Labels[:], q.Label) {
		return fieldError("label", "must be one of Benign, Suspicious, Malicious")
	}
	page, err := s.st.ListAlerts(r.Context(), store.AlertFilter{Label: q.Label, Technique: q.Technique,
		Status: q.Status, Detector: q.Detector, Since: q.Since, Until: q.Until, Limit: q.Limit, Cursor: q.Cursor})
	if err != nil {
		return storeError(err)
	}
	return writeJSON(w, http.StatusOK, page)
}

func (s *Server) handleGetAlert(w http.ResponseWriter, r *http.Request) error {
	a, err := s.st.GetAlert(r.Context(), r.PathValue("id"))
	if err != nil {
		return alertError(err)
	}
	return writeJSON(w, http.StatusOK, a)
}

func (s *Server) handleAck(w http.ResponseWriter, r *http.Request) error {
	if err := noBody(r); err != nil {
		return err
	}
	a, err := s.setStatus(r, store.StatusAcknowledged)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, a)
}

// setStatus moves the alert of the request's {id} and tells the stream.
func (s *Server) setStatus(r *http.Request, status string) (store.Alert, error) {
	a, err := s.st.SetAlertStatus(r.Context(), r.PathValue("id"), status)
	if err != nil {
		return store.Alert{}, alertError(err)
	}
	alerting.Publish(s.feed, alerting.EventStatus, a)
	return a, nil
}

func (s *Server) handleFalsePositive(w http.ResponseWriter, r *http.Request) error {
	if err := noBody(r); err != nil {
		return err
	}
	a, err := s.st.GetAlert(r.Context(), r.PathValue("id"))
	if err != nil {
		return alertError(err)
	}
	rule, created, err := s.allowRule(r, a)
	if err != nil {
		return err
	}
	if a, err = s.setStatus(r, store.StatusFalsePositive); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, FalsePositive{Alert: a, AllowRule: rule, Created: created})
}

// allowRule returns the allow rule for an alert's command, creating it and
// applying it to the live detector when there is none yet.
func (s *Server) allowRule(r *http.Request, a store.Alert) (store.AllowRule, bool, error) {
	pattern := allowlist.PatternFor(a.Subject)
	if rule, ok := s.allow.Find(pattern, true); ok {
		return rule, false, nil
	}
	rule, err := s.st.CreateAllowRule(r.Context(), store.AllowRule{Pattern: pattern, Regex: true,
		Detector: a.Detector, AlertID: a.ID})
	if err != nil {
		return store.AllowRule{}, false, storeError(err)
	}
	if err := s.allow.Add(rule); err != nil {
		return store.AllowRule{}, false, internalError(err)
	}
	s.log.Info("allow rule created from a false positive", "rule", rule.ID, "alert", a.ID)
	return rule, true, nil
}

func (s *Server) handleAllowRules(w http.ResponseWriter, r *http.Request) error {
	rules, err := s.st.ListAllowRules(r.Context())
	if err != nil {
		return storeError(err)
	}
	return writeJSON(w, http.StatusOK, AllowRules{rules})
}

// alertError is storeError with a 404 that names the alert.
func alertError(err error) error {
	p := asProblem(storeError(err))
	if p.Code == CodeNotFound {
		p.Detail = "no such alert"
	}
	return p
}

// noBody refuses a body other than nothing or {} on a route that takes
// none, so a client that thinks it sent options learns they were not read.
func noBody(r *http.Request) error {
	b, err := io.ReadAll(io.LimitReader(r.Body, 64))
	if err != nil {
		return bodyError(err)
	}
	if t := strings.Join(strings.Fields(string(b)), ""); t != "" && t != "{}" {
		return badRequest("this route takes no request body")
	}
	return nil
}
