package config

import (
	"os"
	"path/filepath"
	"time"
)

// Server configures `vigil serve` and the commands that open its store
// (keys, alerts). Precedence: flags, then VIGIL_* environment variables,
// then the file, then these defaults.
type Server struct {
	// Addr is the listen address (VIGIL_ADDR). Loopback by default: put
	// vigil behind a TLS-terminating proxy before exposing it.
	Addr string `yaml:"addr"`
	// DataDir holds the SQLite database (VIGIL_DATA_DIR).
	DataDir string `yaml:"data_dir"`
	// DatabaseURL selects PostgreSQL (postgres://...) or a SQLite file
	// (sqlite:///path); "" means SQLite in DataDir (VIGIL_DATABASE_URL).
	DatabaseURL string `yaml:"database_url"`
	// InternalToken, when set, lets POST /scan/internal be called from
	// anywhere with that token (VIGIL_INTERNAL_TOKEN); loopback callers
	// need none unless InternalLoopback is false.
	InternalToken    string `yaml:"internal_token"`
	InternalLoopback bool   `yaml:"internal_loopback"`
	// AlertLevel is the least label stored as an alert: Benign,
	// Suspicious or Malicious.
	AlertLevel string `yaml:"alert_level"`
	// AlertQueue bounds the alerts waiting to be written to the store;
	// when full, new alerts are dropped and counted.
	AlertQueue int `yaml:"alert_queue"`
	// DefaultRateLimit is the requests per minute of keys created with
	// rate limit 0; 0 here means no limit.
	DefaultRateLimit int `yaml:"default_rate_limit"`
	// MaxBodyBytes bounds every request body, MaxBatchBodyBytes that of
	// POST /v1/scan/batch, MaxBatch its number of commands.
	MaxBodyBytes      int64 `yaml:"max_body_bytes"`
	MaxBatchBodyBytes int64 `yaml:"max_batch_body_bytes"`
	MaxBatch          int   `yaml:"max_batch"`
	// HTTP server timeouts; ShutdownTimeout bounds the drain on SIGTERM.
	ReadTimeout     time.Duration `yaml:"read_timeout"`
	WriteTimeout    time.Duration `yaml:"write_timeout"`
	IdleTimeout     time.Duration `yaml:"idle_timeout"`
	ShutdownTimeout time.Duration `yaml:"shutdown_timeout"`
	// UsageFlush is how often usage counts and allow-rule hits are
	// written to the store.
	UsageFlush time.Duration `yaml:"usage_flush"`
	// AuthCacheTTL is how long an authenticated key is remembered; a key
	// revoked elsewhere is refused after at most this long (0: no cache).
	AuthCacheTTL time.Duration `yaml:"auth_cache_ttl"`
	// AllowReload is how often allow rules are re-read from the store
	// (rules made by other instances sharing a database).
	AllowReload time.Duration `yaml:"allow_reload"`
	// SSEBuffer is the alerts queued per stream client before it is
	// dropped as too slow; SSEHeartbeat the interval of keep-alive
	// comments.
	SSEBuffer    int           `yaml:"sse_buffer"`
	SSEHeartbeat time.Duration `yaml:"sse_heartbeat"`
}

// DefaultAddr is the default listen address.
const DefaultAddr = "127.0.0.1:6001"

// DefaultServer returns the server defaults.
func DefaultServer() Server {
	return Server{
		Addr: DefaultAddr, DataDir: DefaultDataDir(), InternalLoopback: true,
		AlertLevel: "Suspicious", AlertQueue: 4096, DefaultRateLimit: 6000,
		MaxBodyBytes: 1 << 20, MaxBatchBodyBytes: 16 << 20, MaxBatch: 256,
		ReadTimeout: 15 * time.Second, WriteTimeout: 60 * time.Second,
		IdleTimeout: 120 * time.Second, ShutdownTimeout: 30 * time.Second,
		UsageFlush: time.Second, AuthCacheTTL: 5 * time.Second, AllowReload: 30 * time.Second,
		SSEBuffer: 256, SSEHeartbeat: 15 * time.Second,
	}
}

// DefaultDataDir is $XDG_DATA_HOME/vigil, else ~/.local/share/vigil,
// else ./vigil-data when there is no home directory.
func DefaultDataDir() string {
	if d := os.Getenv("XDG_DATA_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "vigil")
	}
	if h, err := os.UserHomeDir(); err == nil && h != "" {
		return filepath.Join(h, ".local", "share", "vigil")
	}
	return "vigil-data"
}

// EnvVars maps each environment variable to the server field it sets.
var EnvVars = map[string]func(*Server) *string{
	"VIGIL_ADDR":           func(s *Server) *string { return &s.Addr },
	"VIGIL_DATA_DIR":       func(s *Server) *string { return &s.DataDir },
	"VIGIL_DATABASE_URL":   func(s *Server) *string { return &s.DatabaseURL },
	"VIGIL_INTERNAL_TOKEN": func(s *Server) *string { return &s.InternalToken },
}

// FromEnv overrides the fields whose environment variable is set and not
// empty; getenv is os.Getenv outside tests.
func (s *Server) FromEnv(getenv func(string) string) {
	for name, field := range EnvVars {
		if v := getenv(name); v != "" {
			*field(s) = v
		}
	}
}
