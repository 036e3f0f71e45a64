package loadtest

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Metrics read from the server's /metrics for each memory sample.
const (
	metricRSS     = "process_resident_memory_bytes"
	metricHeap    = "go_memstats_heap_inuse_bytes"
	metricGo      = "go_goroutines"
	metricStored  = "vigil_alerts_stored_total"
	metricDropped = "vigil_alerts_dropped_total"
)

// MemorySample is the server's state at one moment of the run.
type MemorySample struct {
	At            float64 `json:"at_seconds"`
	RSSBytes      float64 `json:"rss_bytes"`
	HeapBytes     float64 `json:"heap_inuse_bytes"`
	Goroutines    float64 `json:"goroutines"`
	AlertsStored  float64 `json:"alerts_stored_total"`
	AlertsDropped float64 `json:"alerts_dropped_total"`
}

// scrape reads one sample from the Prometheus text at url.
func scrape(ctx context.Context, c *http.Client, url string) (MemorySample, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return MemorySample{}, err
	}
	res, err := c.Do(req)
	if err != nil {
		return MemorySample{}, err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return MemorySample{}, fmt.Errorf("GET %s: %s", url, res.Status)
	}
	v, err := parseMetrics(res.Body, metricRSS, metricHeap, metricGo, metricStored, metricDropped)
	if err != nil {
		return MemorySample{}, err
	}
	return MemorySample{RSSBytes: v[metricRSS], HeapBytes: v[metricHeap], Goroutines: v[metricGo],
		AlertsStored: v[metricStored], AlertsDropped: v[metricDropped]}, nil
}

// parseMetrics returns the values of unlabelled samples of the names in a
// Prometheus text exposition; a name that is absent is left out.
func parseMetrics(r io.Reader, names ...string) (map[string]float64, error) {
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	out := map[string]float64{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		name, rest, ok := strings.Cut(sc.Text(), " ")
		if !ok || !want[name] {
			continue
		}
		f := strings.Fields(rest)
		if len(f) == 0 {
			continue
		}
		if v, err := strconv.ParseFloat(f[0], 64); err == nil {
			out[name] = v
		}
	}
	return out, sc.Err()
}

// sampleMemory scrapes url every interval until ctx ends, timing samples
// from start.
func sampleMemory(ctx context.Context, c *http.Client, url string, every time.Duration, start time.Time) []MemorySample {
	var out []MemorySample
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		if s, err := scrape(ctx, c, url); err == nil {
			s.At = time.Since(start).Seconds()
			out = append(out, s)
		}
		select {
		case <-ctx.Done():
			return out
		case <-tick.C:
		}
	}
}

// MemoryReport summarises the samples.
type MemoryReport struct {
	Samples     []MemorySample `json:"samples"`
	RSSFirstMiB float64        `json:"rss_first_mib"`
	RSSLastMiB  float64        `json:"rss_last_mib"`
	RSSMaxMiB   float64        `json:"rss_max_mib"`
	HeapLastMiB float64        `json:"heap_inuse_last_mib"`
	// SteadyFrom is when the steady part starts: earlier samples are
	// warm-up, left out of the trend.
	SteadyFrom  float64 `json:"steady_from_seconds"`
	SlopeMiBMin float64 `json:"rss_trend_mib_per_minute"`
	// GrowthPct is the trend over the steady part as a share of its mean.
	GrowthPct float64 `json:"rss_trend_growth_percent"`
	// Flat is GrowthPct < FlatGrowthPct; nil with under 4 steady samples.
	Flat         *bool   `json:"flat,omitempty"`
	AlertsStored float64 `json:"alerts_stored"`
	AlertsLost   float64 `json:"alerts_dropped"`
}

// FlatGrowthPct is the most RSS growth, over the steady part of a run, that
// still counts as flat: the least-squares trend of the samples, not the
// difference of two of them, so one garbage collection does not decide.
const FlatGrowthPct = 10

// warmupShare of the run's samples are left out of the trend: the first
// requests grow pools, buffers and caches to their working size.
const warmupShare = 0.2

func summariseMemory(s []MemorySample) *MemoryReport {
	if len(s) == 0 {
		return nil
	}
	const mib = 1 << 20
	first, last := s[0], s[len(s)-1]
	r := &MemoryReport{Samples: s, RSSFirstMiB: first.RSSBytes / mib, RSSLastMiB: last.RSSBytes / mib,
		HeapLastMiB: last.HeapBytes / mib, AlertsStored: last.AlertsStored - first.AlertsStored,
		AlertsLost: last.AlertsDropped - first.AlertsDropped}
	for _, x := range s {
		r.RSSMaxMiB = max(r.RSSMaxMiB, x.RSSBytes/mib)
	}
	steady := s[int(float64(len(s))*warmupShare):]
	r.SteadyFrom = steady[0].At
	if len(steady) < 4 {
		return r
	}
	slope, mean := trend(steady)
	span := steady[len(steady)-1].At - steady[0].At
	r.SlopeMiBMin = slope * 60 / mib
	r.GrowthPct = 100 * slope * span / mean
	flat := r.GrowthPct < FlatGrowthPct
	r.Flat = &flat
	return r
}

// trend fits RSS = a + slope*t by least squares; it returns the slope (bytes
// per second) and the mean RSS.
func trend(s []MemorySample) (slope, mean float64) {
	var st, sy float64
	for _, x := range s {
		st += x.At
		sy += x.RSSBytes
	}
	n := float64(len(s))
	mt, my := st/n, sy/n
	var num, den float64
	for _, x := range s {
		num += (x.At - mt) * (x.RSSBytes - my)
		den += (x.At - mt) * (x.At - mt)
	}
	if den == 0 {
		return 0, my
	}
	return num / den, my
}
