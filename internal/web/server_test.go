package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/vigilsec/vigil/internal/api/apitest"
	"github.com/vigilsec/vigil/internal/command/detect"
	"github.com/vigilsec/vigil/internal/store"
)

// server is a real vigil service for the browser (package apitest) with
// two keys.
type server struct {
	*apitest.Server
	t               *testing.T
	admin, scanOnly string // key secrets
}

func startServer(t *testing.T) *server {
	t.Helper()
	as := apitest.Start(t)
	return &server{Server: as, t: t,
		admin: as.Key("analyst", 0, store.ScopeAdmin), scanOnly: as.Key("sensor", 0, store.ScopeScan)}
}

// scan submits a command through the API as a sensor would.
func (s *server) scan(cmd string) detect.Verdict {
	s.t.Helper()
	var v detect.Verdict
	s.call("POST", "/v1/scan", s.scanOnly, map[string]string{"command": cmd}, &v)
	return v
}

// alert reads an alert through the API.
func (s *server) alert(id string) store.Alert {
	s.t.Helper()
	var a store.Alert
	s.call("GET", "/v1/alerts/"+id, s.admin, nil, &a)
	return a
}

func (s *server) call(method, path, key string, body, out any) {
	s.t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, s.URL+path, rd)
	req.Header.Set("Authorization", "Bearer "+key)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		s.t.Fatalf("%s %s: %d %s", method, path, res.StatusCode, strings.TrimSpace(string(b)))
	}
	if err := json.Unmarshal(b, out); err != nil {
		s.t.Fatalf("%s %s: %v", method, path, err)
	}
}

// waitAlerts waits until the store holds n alerts.
func (s *server) waitAlerts(n int) {
	s.t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		page, err := s.Store.ListAlerts(context.Background(), store.AlertFilter{})
		if err == nil && len(page.Alerts) >= n {
			return
		}
	}
	s.t.Fatalf("the store never held %d alerts", n)
}
