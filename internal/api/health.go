package api

import (
	"context"
	"net/http"
	"time"
)

// Status is the body of /livez and /readyz.
type Status struct {
	Status string `json:"status" doc:"ok"`
}

// Health is the Genos-compatible body of /health.
type Health struct {
	Status      string `json:"status" doc:"ok once the models are warm, loading before"`
	EngineReady bool   `json:"engine_ready"`
	Version     string `json:"version,omitempty"`
}

func (s *Server) handleLivez(w http.ResponseWriter, r *http.Request) error {
	return writeJSON(w, http.StatusOK, Status{"ok"})
}

func (s *Server) handleReadyz(w http.ResponseWriter, r *http.Request) error {
	if !s.Ready() {
		return notReady()
	}
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.st.Ping(ctx); err != nil {
		return storeUnavailable(err)
	}
	return writeJSON(w, http.StatusOK, Status{"ok"})
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) error {
	h := Health{Status: "loading", Version: s.version}
	if s.Ready() {
		h.Status, h.EngineReady = "ok", true
	}
	return writeJSON(w, http.StatusOK, h)
}

func (s *Server) handleMetrics(w http.ResponseWriter, r *http.Request) error {
	s.m.handler().ServeHTTP(w, r)
	return nil
}
