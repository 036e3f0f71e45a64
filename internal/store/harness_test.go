package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// The conformance tests run against both engines. SQLite uses a fresh file
// under t.TempDir(). PostgreSQL uses VIGIL_TEST_POSTGRES_URL, or when that is
// unset the local server at defaultPostgresURL; each store gets a fresh
// schema (search_path) that is dropped when the test ends. An explicitly set
// URL that cannot be reached fails the tests; an unreachable default skips
// the PostgreSQL half.
const defaultPostgresURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable&connect_timeout=3"

// engine opens fresh stores of one kind.
type engine struct {
	name string
	// location returns Open's arguments for a new, empty database.
	location func(t testing.TB) (url, dataDir string)
}

var sqliteEngine = engine{name: "sqlite", location: func(t testing.TB) (string, string) { return "", t.TempDir() }}

// forEachEngine runs fn as a subtest per engine.
func forEachEngine(t *testing.T, fn func(t *testing.T, e engine)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, sqliteEngine) })
	t.Run("postgres", func(t *testing.T) { fn(t, postgresEngine(t)) })
}

// newStore opens a fresh store of engine e, closed when the test ends.
func newStore(t testing.TB, e engine) *sqlStore {
	t.Helper()
	u, dir := e.location(t)
	s, err := open(context.Background(), u, dir)
	if err != nil {
		t.Fatalf("open %s store: %v", e.name, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

var pg struct {
	once    sync.Once
	admin   *sql.DB
	baseURL string
	err     error
	envSet  bool
}

// postgresEngine returns the PostgreSQL engine, skipping (or failing, when
// VIGIL_TEST_POSTGRES_URL is set) the test if no server answers.
func postgresEngine(t testing.TB) engine {
	t.Helper()
	pg.once.Do(connectPostgresAdmin)
	if pg.err != nil && pg.envSet {
		t.Fatalf("VIGIL_TEST_POSTGRES_URL is set but PostgreSQL cannot be reached: %v", pg.err)
	}
	if pg.err != nil {
		t.Skipf("PostgreSQL half skipped: no server at %s (%v); set VIGIL_TEST_POSTGRES_URL to a postgres:// URL of a role that may CREATE SCHEMA", defaultPostgresURL, pg.err)
	}
	return engine{name: "postgres", location: func(t testing.TB) (string, string) { return postgresSchema(t), "" }}
}

func connectPostgresAdmin() {
	pg.baseURL, pg.envSet = os.LookupEnv("VIGIL_TEST_POSTGRES_URL")
	if !pg.envSet || pg.baseURL == "" {
		pg.baseURL, pg.envSet = defaultPostgresURL, false
	}
	db, err := sql.Open("pgx", pg.baseURL)
	if err != nil {
		pg.err = err
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if pg.err = db.PingContext(ctx); pg.err != nil {
		db.Close()
		return
	}
	pg.admin = db
}

// postgresSchema creates a uniquely named schema, drops it at cleanup, and
// returns a URL whose connections use it.
func postgresSchema(t testing.TB) string {
	t.Helper()
	name := "vigil_test_" + strings.ToLower(rand.Text()[:12])
	if _, err := pg.admin.Exec("CREATE SCHEMA " + name); err != nil {
		t.Fatalf("create schema %s: %v", name, err)
	}
	t.Cleanup(func() {
		if _, err := pg.admin.Exec("DROP SCHEMA " + name + " CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", name, err)
		}
	})
	u, err := url.Parse(pg.baseURL)
	if err != nil {
		t.Fatalf("VIGIL_TEST_POSTGRES_URL must be a postgres:// URL: %v", err)
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String()
}

// mustKey creates a key or fails the test.
func mustKey(t testing.TB, s Store, name string, scopes ...string) (Key, string) {
	t.Helper()
	k, secret, err := s.CreateKey(context.Background(), NewKey{Name: name, Scopes: scopes})
	if err != nil {
		t.Fatalf("create key %q: %v", name, err)
	}
	return k, secret
}

// mustAlert inserts an alert or fails the test.
func mustAlert(t testing.TB, s Store, a Alert) Alert {
	t.Helper()
	got, err := s.InsertAlert(context.Background(), a)
	if err != nil {
		t.Fatalf("insert alert %+v: %v", a, err)
	}
	return got
}

// fieldOf returns the field of err's *ValidationError, or "" when err is not one.
func fieldOf(err error) string {
	var ve *ValidationError
	if errors.As(err, &ve) {
		return ve.Field
	}
	return ""
}

func describe(err error) string { return fmt.Sprintf("%v (field %q)", err, fieldOf(err)) }
