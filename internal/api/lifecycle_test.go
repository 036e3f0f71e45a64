package api

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/vigilsec/vigil/internal/command/detect"
	"github.com/vigilsec/vigil/internal/store"
)

func TestReadiness(t *testing.T) {
	e := newUnreadyEnv(t)
	before := []struct {
		path, method string
		status       int
		body         string
	}{
		{"/livez", "GET", 200, `"ok"`},
		{"/readyz", "GET", 503, `"not_ready"`},
		{"/health", "GET", 200, `"loading"`},
		{"/v1/scan", "POST", 503, `"not_ready"`},
	}
	for _, tt := range before {
		r := e.do(tt.method, tt.path, e.scn, map[string]string{"command": "id"})
		if r.status != tt.status || !strings.Contains(string(r.body), tt.body) {
			t.Errorf("before load: %s %s = %d %s, want %d with %s", tt.method, tt.path, r.status, r.body, tt.status, tt.body)
		}
	}
	if r := e.do("GET", "/readyz", "", nil); r.header.Get("Retry-After") == "" {
		t.Error("503 not_ready without Retry-After")
	}
	if err := e.srv.Load(func() (*detect.Detector, error) { return nil, errors.New("no models") }); err == nil || e.srv.Ready() {
		t.Fatal("a failed load made the server ready")
	}
	if err := e.srv.Load(loadDetector); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/readyz", "/health"} {
		if r := e.do("GET", p, "", nil); r.status != 200 || !strings.Contains(string(r.body), `"status":"ok"`) {
			t.Errorf("after load: %s = %d %s", p, r.status, r.body)
		}
	}
	m := string(e.do("GET", "/metrics", "", nil).body)
	if !strings.Contains(m, "vigil_ready 1") || !strings.Contains(m, "vigil_model_load_seconds ") || strings.Contains(m, "vigil_model_load_seconds 0\n") {
		t.Error("metrics lack vigil_ready 1 and a model load time")
	}
}

func TestMetrics(t *testing.T) {
	e := newEnv(t)
	e.do("POST", "/v1/scan", e.scn, map[string]string{"command": maliciousCmd})
	e.do("POST", "/v1/scan", "", map[string]string{"command": "id"})
	r := e.do("GET", "/metrics", "", nil)
	for _, want := range []string{
		`vigil_http_requests_total{code="200",route="POST /v1/scan"} 1`,
		`vigil_http_requests_total{code="401",route="POST /v1/scan"} 1`,
		`vigil_http_request_duration_seconds_count{route="POST /v1/scan"} 2`,
		`vigil_verdicts_total{detector="command",label="Malicious"} 1`,
		"vigil_alerts_dropped_total 0",
		"vigil_http_requests_in_flight 1", // this scrape
		"go_goroutines",
	} {
		if !strings.Contains(string(r.body), want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}

func TestGracefulShutdownDrainsInFlightRequests(t *testing.T) {
	cfg := testConfig(t)
	e := newUnreadyEnvWith(t, cfg)
	if err := e.srv.Load(loadDetector); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- e.srv.Serve(ctx, ln) }()
	url := "http://" + ln.Addr().String()

	// A request whose body is only half sent is in flight.
	body, w := io.Pipe()
	req, _ := http.NewRequest("POST", url+"/v1/scan", body)
	req.Header.Set("Authorization", "Bearer "+e.scn)
	req.ContentLength = -1
	got := make(chan *http.Response, 1)
	go func() {
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Error(err)
		}
		got <- res
	}()
	w.Write([]byte(`{"command":`))
	eventually(t, "request in flight", func() bool { return e.srv.inFlight.Load() == 1 })

	cancel() // as SIGTERM does
	eventually(t, "listener closed", func() bool {
		c, err := net.DialTimeout("tcp", ln.Addr().String(), 100*time.Millisecond)
		if err == nil {
			c.Close()
		}
		return err != nil
	})
	w.Write([]byte(`"` + maliciousCmd + `"}`))
	w.Close()
	res := <-got
	if res == nil {
		t.Fatal("in-flight request failed during shutdown")
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !bytes.Contains(b, []byte(`"Malicious"`)) {
		t.Errorf("in-flight request: %d %s", res.StatusCode, b)
	}
	if err := <-served; err != nil {
		t.Errorf("Serve after shutdown: %v", err)
	}
	// The alert queued by the drained request was written before Serve returned.
	if page, err := e.st.ListAlerts(context.Background(), store.AlertFilter{}); err != nil || len(page.Alerts) != 1 {
		t.Errorf("alerts after shutdown: %d, %v", len(page.Alerts), err)
	}
}
