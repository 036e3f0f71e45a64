package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// migrationLockID is the pg_advisory_xact_lock key that serialises vigil
// migrations when several instances start at once ("vigil" in ASCII).
const migrationLockID = 0x7669676c

func openPostgres(ctx context.Context, url string) (*sql.DB, dialect, error) {
	d := dialect{name: "postgres", numbered: true, lock: lockPostgres}
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		// pgx's parse errors redact the password.
		return nil, d, fmt.Errorf("open postgres: parse URL: %w", err)
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = 10 * time.Second
	}
	db := stdlib.OpenDB(*cfg)
	db.SetMaxIdleConns(4)
	db.SetConnMaxIdleTime(5 * time.Minute)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, d, fmt.Errorf("open postgres %s:%d/%s: %w", cfg.Host, cfg.Port, cfg.Database, err)
	}
	return db, d, nil
}

func lockPostgres(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", int64(migrationLockID))
	return err
}
