package loadtest

import (
	"fmt"
	"io"
	"strings"
)

// WriteMarkdown writes a short summary of the report as a Markdown table.
func (r *Report) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	row := func(k, format string, args ...any) { fmt.Fprintf(&b, "| %s | %s |\n", k, fmt.Sprintf(format, args...)) }
	fmt.Fprintf(&b, "## vigil loadtest, %s\n\n| | |\n|---|---|\n", r.StartedAt.Format("2006-01-02 15:04:05 UTC"))
	row("target", "%s/v1/scan", r.URL)
	pace := "each sending as soon as answered"
	if r.Rate > 0 {
		pace = fmt.Sprintf("paced at %.0f/s in all (latency from the scheduled time)", r.Rate)
	}
	row("load", "%d requests from %d keep-alive workers, %s; %.0f %% malicious (%d sent)",
		r.Requests, r.Concurrency, pace, 100*r.MaliciousShare, r.MaliciousSent)
	row("elapsed", "%.2f s", r.ElapsedSeconds)
	row("throughput", "**%.0f scans/s**", r.Throughput)
	l := r.Latency
	row("latency p50 / p95 / p99", "%.2f / %.2f / **%.2f ms**", l.P50, l.P95, l.P99)
	row("latency mean / p99.9 / max", "%.2f / %.2f / %.2f ms", l.Mean, l.P999, l.Max)
	row("errors", "**%d**%s", r.Errors, errorDetail(r))
	row("verdicts", "%s", sortedCounts(r.Verdicts))
	if m := r.Memory; m != nil {
		row("server RSS", "%.1f MiB at start, %.1f at end, %.1f max; trend %+.2f MiB/min (%+.1f %% over the steady part)%s",
			m.RSSFirstMiB, m.RSSLastMiB, m.RSSMaxMiB, m.SlopeMiBMin, m.GrowthPct, flatness(m))
		row("alerts stored / dropped", "%.0f / %.0f", m.AlertsStored, m.AlertsLost)
	}
	row("machine", "%d CPUs, GOMAXPROCS %d, load average %s at start, %s at end", r.Host.CPUs, r.Host.GOMAXPROCS,
		loads(r.Host.LoadStart), loads(r.Host.LoadEnd))
	_, err := io.WriteString(w, b.String())
	return err
}

func errorDetail(r *Report) string {
	if r.Errors == 0 {
		return ""
	}
	s := " (" + sortedCounts(r.ErrorsByStatus) + ")"
	if r.ErrorsByStatus["429"] > 0 {
		s += "; 429 is the key's rate limit: create the key with `vigil keys create --rate-limit 1000000`"
	}
	if r.FirstError != "" {
		s += "; first: " + strings.ReplaceAll(truncate(r.FirstError, 160), "|", "\\|")
	}
	return s
}

func flatness(m *MemoryReport) string {
	switch {
	case m.Flat == nil:
		return ": too few samples to judge"
	case *m.Flat:
		return ": **flat**"
	}
	return ": **growing**"
}

func loads(l []float64) string {
	if len(l) == 0 {
		return "unknown"
	}
	return fmt.Sprintf("%.2f", l[0])
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
