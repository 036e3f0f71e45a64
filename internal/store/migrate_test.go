package store

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// Opening a migrated database again applies nothing and keeps the data.
func TestOpenTwiceIsIdempotent(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		u, dir := e.location(t)
		first, err := open(t.Context(), u, dir)
		if err != nil {
			t.Fatal(err)
		}
		k, secret := mustKey(t, first, "k")
		first.Close()
		second, err := open(t.Context(), u, dir)
		if err != nil {
			t.Fatalf("second open: %v", err)
		}
		defer second.Close()
		if got, err := second.Authenticate(t.Context(), secret); err != nil || got.ID != k.ID {
			t.Errorf("after reopening Authenticate = %q, %v; want %q", got.ID, err, k.ID)
		}
		want, _ := loadMigrations(migrationFS, e.name)
		var n, top int
		if err := second.db.QueryRow("SELECT COUNT(*), MAX(version) FROM schema_migrations").Scan(&n, &top); err != nil {
			t.Fatal(err)
		}
		if n != len(want) || top != len(want) {
			t.Errorf("schema_migrations has %d rows up to %d, want %d", n, top, len(want))
		}
	})
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		u, dir := e.location(t)
		s, err := open(t.Context(), u, dir)
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.db.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 0)")
		s.Close()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Open(t.Context(), u, dir); !errors.Is(err, ErrSchemaTooNew) || !strings.Contains(err.Error(), "999") {
			t.Fatalf("Open on a newer schema = %v, want ErrSchemaTooNew naming version 999", err)
		}
	})
}

func TestLoadMigrations(t *testing.T) {
	sql := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	tests := []struct {
		name    string
		files   fstest.MapFS
		want    string // "version:name=sql" joined by spaces
		wantErr string
	}{
		{"shared files in order", fstest.MapFS{
			"migrations/0002_b.sql": sql("B"), "migrations/0001_a.sql": sql("A"),
		}, "1:a=A 2:b=B", ""},
		{"engine file replaces the shared one", fstest.MapFS{
			"migrations/0001_a.sql": sql("A"), "migrations/0001_a.sqlite.sql": sql("AS"), "migrations/0001_a.postgres.sql": sql("AP"),
		}, "1:a.sqlite=AS", ""},
		{"other engine's file only", fstest.MapFS{
			"migrations/0001_a.sql": sql("A"), "migrations/0002_b.postgres.sql": sql("BP"),
		}, "", "version 2 missing"},
		{"gap", fstest.MapFS{"migrations/0001_a.sql": sql("A"), "migrations/0003_c.sql": sql("C")}, "", "version 2 missing"},
		{"two files, one version", fstest.MapFS{"migrations/0001_a.sql": sql("A"), "migrations/0001_b.sql": sql("B")}, "", "share version 1"},
		{"bad name", fstest.MapFS{"migrations/init.sql": sql("A")}, "", "want NNNN_name.sql"},
		{"none", fstest.MapFS{}, "", "none embedded"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms, err := loadMigrations(tt.files, "sqlite")
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if got := describeMigrations(ms); err != nil || got != tt.want {
				t.Fatalf("loadMigrations = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func describeMigrations(ms []migration) string {
	var parts []string
	for _, m := range ms {
		parts = append(parts, fmt.Sprintf("%d:%s=%s", m.version, m.name, m.sql))
	}
	return strings.Join(parts, " ")
}
