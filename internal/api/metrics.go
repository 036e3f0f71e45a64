package api

import (
	"fmt"
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the server's Prometheus metrics. Label values are bounded:
// routes are the registered patterns, codes HTTP statuses, labels the
// detector's classes.
type metrics struct {
	reg         *prometheus.Registry
	requests    *prometheus.CounterVec
	latency     *prometheus.HistogramVec
	verdicts    *prometheus.CounterVec
	modelLoad   prometheus.Gauge
	ready       prometheus.Gauge
	rateLimited *prometheus.CounterVec
	suppressed  prometheus.Counter
	flushErrors prometheus.Counter
}

func newMetrics(s *Server) (*metrics, error) {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "vigil_http_requests_total",
			Help: "HTTP requests answered, by route pattern and status code."}, []string{"route", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "vigil_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by route pattern.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 10}}, []string{"route"}),
		verdicts: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "vigil_verdicts_total",
			Help: "Verdicts returned, by detector and label."}, []string{"detector", "label"}),
		modelLoad: prometheus.NewGauge(prometheus.GaugeOpts{Name: "vigil_model_load_seconds",
			Help: "Time taken to load and warm the models at start-up."}),
		ready: prometheus.NewGauge(prometheus.GaugeOpts{Name: "vigil_ready",
			Help: "1 once the models are loaded and warm, else 0."}),
		rateLimited: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "vigil_rate_limited_requests_total",
			Help: "Requests refused with 429 by the per-key rate limit, by route pattern."}, []string{"route"}),
		suppressed: prometheus.NewCounter(prometheus.CounterOpts{Name: "vigil_allow_rule_suppressions_total",
			Help: "Verdicts turned Benign by an allow rule made from a false positive."}),
		flushErrors: prometheus.NewCounter(prometheus.CounterOpts{Name: "vigil_usage_flush_errors_total",
			Help: "Failed writes of usage counts or allow-rule hits to the store (retried at the next flush)."}),
	}
	cs := append([]prometheus.Collector{m.requests, m.latency, m.verdicts, m.modelLoad, m.ready,
		m.rateLimited, m.suppressed, m.flushErrors,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{})},
		alertMetrics(s)...)
	for _, c := range cs {
		if err := m.reg.Register(c); err != nil {
			return nil, fmt.Errorf("register metric: %w", err)
		}
	}
	return m, nil
}

// alertMetrics read the alert recorder and feed when scraped.
func alertMetrics(s *Server) []prometheus.Collector {
	counter := func(name, help string, f func() uint64) prometheus.Collector {
		return prometheus.NewCounterFunc(prometheus.CounterOpts{Name: name, Help: help}, func() float64 { return float64(f()) })
	}
	gauge := func(name, help string, f func() int) prometheus.Collector {
		return prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: name, Help: help}, func() float64 { return float64(f()) })
	}
	return []prometheus.Collector{
		counter("vigil_alerts_stored_total", "Alerts written to the store.", s.rec.Stored),
		counter("vigil_alerts_dropped_total", "Alerts dropped because the alert queue was full.", s.rec.Dropped),
		counter("vigil_alerts_failed_total", "Alerts lost to a store error (logged).", s.rec.Failed),
		gauge("vigil_http_requests_in_flight", "HTTP requests being answered.", func() int { return int(s.inFlight.Load()) }),
		gauge("vigil_alert_queue_length", "Alerts waiting to be written to the store.", s.rec.Queued),
		gauge("vigil_alert_stream_clients", "Clients connected to GET /v1/alerts/stream.", s.feed.Subscribers),
		counter("vigil_alert_stream_dropped_clients_total", "Stream clients dropped for falling behind.", s.feed.Dropped),
		gauge("vigil_allow_rules", "Allow rules applied to verdicts.", s.allow.Len),
	}
}

// handler serves the metrics in the Prometheus text format.
func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}
