package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"

	_ "modernc.org/sqlite" // registers the pure-Go "sqlite" driver
)

// sqlitePragmas apply to every connection: WAL lets readers run beside the
// writer; busy_timeout makes a writer wait for the lock instead of failing;
// _txlock=immediate takes the write lock at BEGIN, so two transactions never
// deadlock upgrading read locks (which the busy timeout cannot resolve).
const sqlitePragmas = "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)" +
	"&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_txlock=immediate"

// sqliteMaxConns bounds the pool: enough for WAL's concurrent readers.
const sqliteMaxConns = 8

func defaultSQLitePath(dataDir string) string { return filepath.Join(dataDir, "vigil.db") }

func openSQLite(ctx context.Context, path string) (*sql.DB, dialect, error) {
	d := dialect{name: "sqlite"}
	if path == "" {
		return nil, d, fmt.Errorf("open sqlite: empty file path")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, d, fmt.Errorf("open sqlite %q: %w", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return nil, d, fmt.Errorf("open sqlite: create data directory: %w", err)
	}
	db, err := sql.Open("sqlite", sqliteDSN(abs))
	if err != nil {
		return nil, d, fmt.Errorf("open sqlite %q: %w", abs, err)
	}
	// Writers queue on SQLite's file lock anyway; a bounded pool keeps a
	// burst of requests from opening a connection (and page cache) each.
	db.SetMaxOpenConns(sqliteMaxConns)
	db.SetMaxIdleConns(sqliteMaxConns)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, d, fmt.Errorf("open sqlite %q: %w", abs, err)
	}
	return db, d, nil
}

// sqliteDSN is a file: URI, so any character in the path is escaped safely.
func sqliteDSN(abs string) string {
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs), RawQuery: sqlitePragmas}
	return u.String()
}
