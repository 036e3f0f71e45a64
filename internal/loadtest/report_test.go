package loadtest

import (
	"strings"
	"testing"
	"time"
)

func TestMarkdownSummary(t *testing.T) {
	flat := false
	r := &Report{StartedAt: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC), URL: "http://127.0.0.1:6001", Concurrency: 32,
		MaliciousShare: 0.2, ElapsedSeconds: 10, Requests: 30000, OK: 29990, Errors: 10, MaliciousSent: 6000,
		ErrorsByStatus: map[string]int64{"429": 7, "transport": 3}, FirstError: "429: {\"detail\":\"a|b\"}",
		Throughput: 3000, Latency: Latency{P50: 4, P95: 12.5, P99: 18.25, Mean: 5, P999: 30, Max: 41},
		Verdicts: map[string]int64{"Malicious": 6100, "Benign": 23890},
		Memory:   &MemoryReport{RSSFirstMiB: 50, RSSLastMiB: 80, RSSMaxMiB: 81, SlopeMiBMin: 3, GrowthPct: 40, Flat: &flat},
		Host:     Host{CPUs: 2, GOMAXPROCS: 2, LoadStart: []float64{1.5}, LoadEnd: []float64{2.25}}}
	var b strings.Builder
	if err := r.WriteMarkdown(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"## vigil loadtest, 2026-03-01 12:00:00 UTC",
		"| throughput | **3000 scans/s** |",
		"| latency p50 / p95 / p99 | 4.00 / 12.50 / **18.25 ms** |",
		"| errors | **10** (429 7, transport 3); 429 is the key's rate limit",
		`first: 429: {"detail":"a\|b"}`,
		"| verdicts | Benign 23890, Malicious 6100 |",
		"trend +3.00 MiB/min (+40.0 % over the steady part): **growing** |",
		"load average 1.50 at start, 2.25 at end |",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("summary lacks %q:\n%s", want, b.String())
		}
	}
}
