package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOpenSQLiteDefaultPath(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data", "vigil")
	s, err := open(t.Context(), "", dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	info, err := os.Stat(dir)
	if err != nil || info.Mode().Perm() != 0o700 {
		t.Fatalf("data dir: %v, mode %v; want 0700", err, info.Mode().Perm())
	}
	if _, err := os.Stat(filepath.Join(dir, "vigil.db")); err != nil {
		t.Errorf("vigil.db: %v", err)
	}
	if err := s.Ping(t.Context()); err != nil {
		t.Errorf("Ping: %v", err)
	}
	checkPragmas(t, s)
}

// checkPragmas asserts that every pooled connection has WAL, the busy
// timeout and foreign keys.
func checkPragmas(t *testing.T, s *sqlStore) {
	t.Helper()
	for _, p := range []struct{ pragma, want string }{
		{"journal_mode", "wal"}, {"foreign_keys", "1"}, {"busy_timeout", "10000"},
	} {
		var got string
		if err := s.db.QueryRow("PRAGMA " + p.pragma).Scan(&got); err != nil || got != p.want {
			t.Errorf("PRAGMA %s = %q, %v; want %q", p.pragma, got, err, p.want)
		}
	}
}

// A sqlite:// URL may name any path, including characters that mean
// something in a URI.
func TestOpenSQLiteURL(t *testing.T) {
	path := filepath.Join(t.TempDir(), "odd ?dir#", "my%20file.db")
	s, err := Open(t.Context(), "sqlite://"+path, "ignored")
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("database not at %q: %v", path, err)
	}
}

func TestOpenErrors(t *testing.T) {
	file := filepath.Join(t.TempDir(), "plain-file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, url, dataDir string
		wantMsg            string
	}{
		{"unknown scheme", "mysql://root:hunter2@db/vigil", "", "unsupported database URL"},
		{"no scheme", "vigil.db", "", "unsupported database URL"},
		{"no URL, no data dir", "", "", "no data directory"},
		{"data dir under a file", "", filepath.Join(file, "data"), "create data directory"},
		{"sqlite URL without a path", "sqlite://", "", "empty file path"},
		{"postgres URL that does not parse", "postgres://root:hunter2@db:port/vigil", "", "parse URL"},
		{"postgres server not there", "postgres://root:hunter2@127.0.0.1:1/vigil?connect_timeout=2", "", "open postgres 127.0.0.1:1/vigil"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Open(t.Context(), tt.url, tt.dataDir)
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded")
			}
			if !strings.Contains(err.Error(), tt.wantMsg) || strings.Contains(err.Error(), "hunter2") {
				t.Fatalf("err = %q; want it to say %q and not show the password", err, tt.wantMsg)
			}
		})
	}
}
