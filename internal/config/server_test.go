package config

import (
	"strings"
	"testing"
	"time"
)

func TestServerSection(t *testing.T) {
	tests := []struct {
		name, yaml, err string
		check           func(Server) bool
	}{
		{"no server section keeps the defaults", "command: {}\n", "", func(s Server) bool { return s == DefaultServer() }},
		{"set keys override, others keep defaults",
			"server:\n  addr: 0.0.0.0:7000\n  alert_level: Malicious\n  read_timeout: 5s\n  auth_cache_ttl: 0s\n", "",
			func(s Server) bool {
				return s.Addr == "0.0.0.0:7000" && s.AlertLevel == "Malicious" && s.ReadTimeout == 5*time.Second &&
					s.AuthCacheTTL == 0 && s.MaxBatch == DefaultServer().MaxBatch
			}},
		{"unknown server key", "server:\n  adress: x\n", "field adress not found", nil},
		{"bad address", "server:\n  addr: 6001\n", "server.addr", nil},
		{"bad alert level", "server:\n  alert_level: High\n", "server.alert_level", nil},
		{"duration without unit", "server:\n  read_timeout: 10\n", "line 2: cannot unmarshal", nil},
		{"zero timeout", "server:\n  write_timeout: 0s\n", "server.write_timeout", nil},
		{"batch out of range", "server:\n  max_batch: 0\n", "server.max_batch", nil},
		{"unsupported database", "server:\n  database_url: mysql://x\n", "server.database_url", nil},
		{"postgres URL", "server:\n  database_url: postgres://u@h/db\n", "", func(s Server) bool { return s.DatabaseURL == "postgres://u@h/db" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(write(t, tt.yaml))
			switch {
			case tt.err == "" && err != nil:
				t.Fatalf("unexpected error %v", err)
			case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
				t.Fatalf("error %v, want one containing %q", err, tt.err)
			case tt.check != nil && !tt.check(c.Server):
				t.Errorf("server %+v", c.Server)
			}
		})
	}
}

func TestFromEnv(t *testing.T) {
	s := DefaultServer()
	s.Addr = "127.0.0.1:1" // as from a file
	env := map[string]string{"VIGIL_ADDR": "127.0.0.1:2", "VIGIL_DATABASE_URL": "postgres://x", "VIGIL_DATA_DIR": ""}
	s.FromEnv(func(k string) string { return env[k] })
	if s.Addr != "127.0.0.1:2" || s.DatabaseURL != "postgres://x" || s.DataDir != DefaultServer().DataDir || s.InternalToken != "" {
		t.Errorf("after env: %+v", s)
	}
}

func TestDefaultDataDir(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", "/xdg")
	if d := DefaultDataDir(); d != "/xdg/vigil" {
		t.Errorf("with XDG_DATA_HOME: %s", d)
	}
	t.Setenv("XDG_DATA_HOME", "relative") // ignored, as the XDG spec says
	t.Setenv("HOME", "/home/u")
	if d := DefaultDataDir(); d != "/home/u/.local/share/vigil" {
		t.Errorf("with HOME: %s", d)
	}
}
