// Package apitest starts a real vigil service for the tests of other
// packages (the dashboard's browser test, the load test): a SQLite store in
// a temporary directory, the command detector built from the embedded
// models, and the API on a loopback listener. Package api's own tests have
// their own helpers, since they look inside the server.
package apitest

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/vigilsec/vigil/internal/api"
	"github.com/vigilsec/vigil/internal/command"
	"github.com/vigilsec/vigil/internal/command/detect"
	"github.com/vigilsec/vigil/internal/command/rules"
	"github.com/vigilsec/vigil/internal/config"
	"github.com/vigilsec/vigil/internal/deobfuscate"
	"github.com/vigilsec/vigil/internal/store"
	"github.com/vigilsec/vigil/models"
)

// Server is a running service.
type Server struct {
	URL   string
	Store store.Store
	t     testing.TB
}

// Start starts a ready server; edit changes its configuration. It is shut
// down when the test ends.
func Start(t testing.TB, edit ...func(*config.Server)) *Server {
	t.Helper()
	cfg := config.DefaultServer()
	cfg.DataDir = t.TempDir()
	for _, f := range edit {
		f(&cfg)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, cfg.DatabaseURL, cfg.DataDir)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := api.New(ctx, api.Options{Config: cfg, Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Version: "test"})
	if err != nil {
		st.Close()
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() {
		hs.CloseClientConnections() // streams never end by themselves
		hs.Close()
		srv.Close(ctx)
		st.Close()
	})
	if err := srv.Load(Detector); err != nil {
		t.Fatal(err)
	}
	return &Server{URL: hs.URL, Store: st, t: t}
}

// Key creates an API key and returns its secret; rate is per minute (0:
// the server default).
func (s *Server) Key(name string, rate int, scopes ...string) string {
	s.t.Helper()
	_, secret, err := s.Store.CreateKey(context.Background(), store.NewKey{Name: name, Scopes: scopes, RateLimit: rate})
	if err != nil {
		s.t.Fatal(err)
	}
	return secret
}

var shared struct {
	once sync.Once
	det  *detect.Detector
	err  error
}

// Detector returns the detector of the embedded models, built once per
// test binary (it is safe for concurrent use).
func Detector() (*detect.Detector, error) {
	shared.once.Do(func() { shared.det, shared.err = build() })
	return shared.det, shared.err
}

func build() (*detect.Detector, error) {
	eng, err := rules.Load(true)
	if err != nil {
		return nil, err
	}
	m, err := detect.LoadModels(models.FS)
	if err != nil {
		return nil, err
	}
	o := detect.DefaultOptions()
	o.Thresholds = m.Thresholds
	return detect.New(command.NewAnalyzer(eng, deobfuscate.DefaultLimits()), m, o)
}
