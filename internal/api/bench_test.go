package api

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// BenchmarkScan measures POST /v1/scan through the whole handler chain
// (routing, auth with the key cache, rate limit, JSON, detector, allow
// rules, metrics, usage and the alert queue), in process without a socket.
func BenchmarkScan(b *testing.B) {
	for _, bc := range []struct{ name, cmd string }{
		{"benign", benignCmd},
		{"malicious", maliciousCmd}, // also queues an alert
		{"base64_powershell", "powershell -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQA"},
	} {
		b.Run(bc.name, func(b *testing.B) { benchScan(b, bc.cmd) })
	}
}

func benchScan(b *testing.B, cmd string) {
	cfg := testConfig(b)
	cfg.DefaultRateLimit = 0
	e := newUnreadyEnvWith(b, cfg)
	if err := e.srv.Load(loadDetector); err != nil {
		b.Fatal(err)
	}
	h := e.srv.Handler()
	body := `{"command":"` + strings.ReplaceAll(cmd, `"`, `\"`) + `"}`
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req := httptest.NewRequest("POST", "/v1/scan", strings.NewReader(body))
			req.Header.Set("Authorization", "Bearer "+e.scn)
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			if w.Code != http.StatusOK {
				b.Fatalf("status %d: %s", w.Code, w.Body)
			}
		}
	})
}

// BenchmarkScanHTTP is BenchmarkScan over loopback TCP with keep-alive
// connections, 16 clients per core: the figure a load test sees, with
// client and server sharing the machine.
func BenchmarkScanHTTP(b *testing.B) {
	cfg := testConfig(b)
	cfg.DefaultRateLimit = 0
	e := newUnreadyEnvWith(b, cfg)
	if err := e.srv.Load(loadDetector); err != nil {
		b.Fatal(err)
	}
	tr := &http.Transport{MaxIdleConnsPerHost: 64}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	body := `{"command":"` + benignCmd + `"}`
	b.SetParallelism(16)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req, _ := http.NewRequest("POST", e.http.URL+"/v1/scan", strings.NewReader(body))
			req.Header.Set("Authorization", "Bearer "+e.scn)
			res, err := client.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode != http.StatusOK {
				b.Fatalf("status %d", res.StatusCode)
			}
		}
	})
}
