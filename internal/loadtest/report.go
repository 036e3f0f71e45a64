package loadtest

import (
	"maps"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Report is the result of a run, written as JSON by `vigil loadtest
// --report`.
type Report struct {
	StartedAt      time.Time `json:"started_at"`
	URL            string    `json:"url"`
	Requested      int64     `json:"requests_requested"`
	Concurrency    int       `json:"concurrency"`
	MaliciousShare float64   `json:"malicious_share"`
	DurationLimit  float64   `json:"duration_limit_seconds,omitempty"`
	Rate           float64   `json:"rate_per_second,omitempty"`
	Host           Host      `json:"host"`

	ElapsedSeconds float64 `json:"elapsed_seconds"`
	// Requests were answered (any status) or failed in transport.
	Requests      int64 `json:"requests"`
	OK            int64 `json:"ok"`
	Errors        int64 `json:"errors"`
	MaliciousSent int64 `json:"malicious_sent"`
	// ErrorsByStatus counts the answers other than 200 by status, and
	// transport failures (refused, reset, timed out) as "transport".
	ErrorsByStatus map[string]int64 `json:"errors_by_status"`
	FirstError     string           `json:"first_error,omitempty"`
	Throughput     float64          `json:"throughput_per_second"`
	// Latency is over answered requests, from sending to the last byte.
	Latency  Latency          `json:"latency_ms"`
	Verdicts map[string]int64 `json:"verdicts"`
	Memory   *MemoryReport    `json:"memory,omitempty"`
}

// Latency percentiles in milliseconds.
type Latency struct {
	Min  float64 `json:"min"`
	Mean float64 `json:"mean"`
	P50  float64 `json:"p50"`
	P90  float64 `json:"p90"`
	P95  float64 `json:"p95"`
	P99  float64 `json:"p99"`
	P999 float64 `json:"p99_9"`
	Max  float64 `json:"max"`
}

// Host describes the load generator's machine: with the server on the same
// machine, its load says how much else competed for the CPUs.
type Host struct {
	CPUs       int       `json:"cpus"`
	GOMAXPROCS int       `json:"gomaxprocs"`
	Go         string    `json:"go"`
	LoadStart  []float64 `json:"load_average_start,omitempty"`
	LoadEnd    []float64 `json:"load_average_end,omitempty"`
}

func hostNow() Host {
	h := Host{CPUs: runtime.NumCPU(), GOMAXPROCS: runtime.GOMAXPROCS(0), Go: runtime.Version()}
	h.LoadStart = loadAverage()
	return h
}

// loadAverage reads the 1, 5 and 15 minute load averages (Linux only).
func loadAverage() []float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return nil
	}
	f := strings.Fields(string(b))
	var out []float64
	for i := 0; i < 3 && i < len(f); i++ {
		v, err := strconv.ParseFloat(f[i], 64)
		if err != nil {
			return nil
		}
		out = append(out, v)
	}
	return out
}

func newReport(o Options, start time.Time, elapsed time.Duration, host Host, workers []*worker) *Report {
	host.LoadEnd = loadAverage()
	r := &Report{StartedAt: start.UTC(), URL: o.URL, Requested: o.Requests, Concurrency: o.Concurrency,
		MaliciousShare: o.MaliciousShare, DurationLimit: o.Duration.Seconds(), Rate: o.Rate, Host: host,
		ElapsedSeconds: elapsed.Seconds(), ErrorsByStatus: map[string]int64{}, Verdicts: map[string]int64{}}
	var h Histogram
	for _, w := range workers {
		r.merge(w)
		h.Merge(&w.hist)
	}
	r.Latency = latencyOf(&h)
	if elapsed > 0 {
		r.Throughput = float64(r.Requests) / elapsed.Seconds()
	}
	return r
}

func (r *Report) merge(w *worker) {
	r.MaliciousSent += w.malicious
	for status, n := range w.status {
		r.Requests += n
		if status == 200 {
			r.OK += n
			continue
		}
		r.Errors += n
		r.ErrorsByStatus[strconv.Itoa(status)] += n
	}
	if w.transport > 0 {
		r.Requests += w.transport
		r.Errors += w.transport
		r.ErrorsByStatus["transport"] += w.transport
	}
	for l, n := range w.labels {
		r.Verdicts[l] += n
	}
	if r.FirstError == "" {
		r.FirstError = w.firstErr
	}
}

func latencyOf(h *Histogram) Latency {
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	return Latency{Min: ms(h.Min()), Mean: ms(h.Mean()), P50: ms(h.Quantile(0.50)), P90: ms(h.Quantile(0.90)),
		P95: ms(h.Quantile(0.95)), P99: ms(h.Quantile(0.99)), P999: ms(h.Quantile(0.999)), Max: ms(h.Max())}
}

// sortedCounts renders counts as "k n, k n" in key order.
func sortedCounts(m map[string]int64) string {
	if len(m) == 0 {
		return "none"
	}
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, k+" "+strconv.FormatInt(m[k], 10))
	}
	return strings.Join(parts, ", ")
}
