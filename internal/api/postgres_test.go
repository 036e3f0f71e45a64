package api

import (
	"context"
	"crypto/rand"
	"database/sql"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/vigilsec/vigil/internal/command/detect"
	"github.com/vigilsec/vigil/internal/store"
)

// defaultPostgresURL is the local server the store tests use too;
// VIGIL_TEST_POSTGRES_URL overrides it.
const defaultPostgresURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable&connect_timeout=3"

// postgresURL returns a URL to a fresh schema, dropped at cleanup, or
// skips the test when no server answers (fails when the URL was set
// explicitly).
func postgresURL(t *testing.T) string {
	t.Helper()
	base, set := os.LookupEnv("VIGIL_TEST_POSTGRES_URL")
	if !set || base == "" {
		base = defaultPostgresURL
	}
	db, err := sql.Open("pgx", base)
	if err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err = db.PingContext(ctx)
		cancel()
	}
	if err != nil {
		if set {
			t.Fatalf("VIGIL_TEST_POSTGRES_URL is set but PostgreSQL cannot be reached: %v", err)
		}
		t.Skipf("PostgreSQL test skipped: no server at %s (%v); set VIGIL_TEST_POSTGRES_URL", defaultPostgresURL, err)
	}
	name := "vigil_api_test_" + strings.ToLower(rand.Text()[:12])
	if _, err := db.Exec("CREATE SCHEMA " + name); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		db.Exec("DROP SCHEMA " + name + " CASCADE")
		db.Close()
	})
	u, _ := url.Parse(base)
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String()
}

func TestPostgresStore(t *testing.T) {
	cfg := testConfig(t)
	cfg.DatabaseURL = postgresURL(t)
	st, err := store.Open(context.Background(), cfg.DatabaseURL, "")
	if err != nil {
		t.Fatal(err)
	}
	e := startEnv(t, cfg, st)
	if err := e.srv.Load(loadDetector); err != nil {
		t.Fatal(err)
	}
	if r := e.do("GET", "/readyz", "", nil); r.status != 200 {
		t.Fatalf("readyz on PostgreSQL: %d %s", r.status, r.body)
	}
	e.scanAndWait(1, suspiciousCmd)
	id := e.alerts("?label=Suspicious").Alerts[0].ID
	if r := e.do("POST", "/v1/alerts/"+id+"/false-positive", e.admin, nil); r.status != 200 {
		t.Fatalf("false positive: %d %s", r.status, r.body)
	}
	var v detect.Verdict
	e.do("POST", "/v1/scan", e.scn, map[string]string{"command": suspiciousCmd}).decode(t, &v)
	if v.Label != "Benign" || v.Reason != "allow_rule" {
		t.Errorf("after the false positive: %s (%s)", v.Label, v.Reason)
	}
	var u UsageResponse
	e.do("GET", "/v1/usage", e.scn, nil).decode(t, &u)
	if u.Total != 2 {
		t.Errorf("usage %d, want 2", u.Total)
	}
}
