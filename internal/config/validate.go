package config

import (
	"fmt"
	"net"
	"strings"
	"time"
)

// Validate checks every server knob, naming the first bad one.
func (s Server) Validate() error {
	checks := []func() error{
		s.checkAddr, s.checkDatabase, s.checkAlertLevel, s.checkSizes, s.checkDurations,
	}
	for _, c := range checks {
		if err := c(); err != nil {
			return err
		}
	}
	return nil
}

func (s Server) checkAddr() error {
	if _, _, err := net.SplitHostPort(s.Addr); err != nil {
		return fmt.Errorf("server.addr %q: want host:port, e.g. %s", s.Addr, DefaultAddr)
	}
	return nil
}

func (s Server) checkDatabase() error {
	u := s.DatabaseURL
	for _, p := range []string{"postgres://", "postgresql://", "sqlite://"} {
		if strings.HasPrefix(u, p) {
			return nil
		}
	}
	if u != "" {
		return fmt.Errorf("server.database_url: want a postgres://, postgresql:// or sqlite:// URL")
	}
	if s.DataDir == "" {
		return fmt.Errorf("server.data_dir: must not be empty when there is no database_url")
	}
	return nil
}

// AlertLevels are the accepted alert levels, lowest first.
var AlertLevels = []string{"Benign", "Suspicious", "Malicious"}

func (s Server) checkAlertLevel() error {
	for _, l := range AlertLevels {
		if s.AlertLevel == l {
			return nil
		}
	}
	return fmt.Errorf("server.alert_level %q: want one of %s", s.AlertLevel, strings.Join(AlertLevels, ", "))
}

func (s Server) checkSizes() error {
	ints := []struct {
		name      string
		v, lo, hi int64
	}{
		{"alert_queue", int64(s.AlertQueue), 1, 1 << 20},
		{"default_rate_limit", int64(s.DefaultRateLimit), 0, 1_000_000},
		{"max_body_bytes", s.MaxBodyBytes, 1 << 10, 1 << 30},
		{"max_batch_body_bytes", s.MaxBatchBodyBytes, 1 << 10, 1 << 30},
		{"max_batch", int64(s.MaxBatch), 1, 10_000},
		{"sse_buffer", int64(s.SSEBuffer), 1, 1 << 16},
	}
	for _, c := range ints {
		if c.v < c.lo || c.v > c.hi {
			return fmt.Errorf("server.%s = %d: want a value in [%d, %d]", c.name, c.v, c.lo, c.hi)
		}
	}
	return nil
}

func (s Server) checkDurations() error {
	ds := []struct {
		name      string
		v         time.Duration
		allowZero bool
	}{
		{"read_timeout", s.ReadTimeout, false}, {"write_timeout", s.WriteTimeout, false},
		{"idle_timeout", s.IdleTimeout, false}, {"shutdown_timeout", s.ShutdownTimeout, false},
		{"usage_flush", s.UsageFlush, false}, {"auth_cache_ttl", s.AuthCacheTTL, true},
		{"allow_reload", s.AllowReload, false}, {"sse_heartbeat", s.SSEHeartbeat, false},
	}
	for _, d := range ds {
		if d.v < 0 || (d.v == 0 && !d.allowZero) {
			return fmt.Errorf("server.%s = %s: want a positive duration such as \"10s\"", d.name, d.v)
		}
	}
	return nil
}
