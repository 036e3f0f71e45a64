package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"time"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// migration is one numbered schema change.
type migration struct {
	version int
	name    string
	sql     string
}

const createMigrationsTable = `CREATE TABLE IF NOT EXISTS schema_migrations (
	version    INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	applied_at BIGINT NOT NULL
)`

// migrate applies the migrations the database lacks, all in one transaction.
func migrate(ctx context.Context, db *sql.DB, d dialect) error {
	ms, err := loadMigrations(migrationFS, d.name)
	if err != nil {
		return err
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	if err := applyMigrations(ctx, tx, d, ms); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

func applyMigrations(ctx context.Context, tx *sql.Tx, d dialect, ms []migration) error {
	if d.lock != nil {
		if err := d.lock(ctx, tx); err != nil {
			return fmt.Errorf("take migration lock: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, createMigrationsTable); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	var current int
	if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&current); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if latest := ms[len(ms)-1].version; current > latest {
		return fmt.Errorf("%w: database is at version %d, this build knows up to %d", ErrSchemaTooNew, current, latest)
	}
	for _, m := range ms {
		if m.version > current {
			if err := applyMigration(ctx, tx, d, m); err != nil {
				return err
			}
		}
	}
	return nil
}

func applyMigration(ctx context.Context, tx *sql.Tx, d dialect, m migration) error {
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("apply migration %04d_%s: %w", m.version, m.name, err)
	}
	const q = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)"
	if _, err := tx.ExecContext(ctx, d.rebind(q), m.version, m.name, toMicros(time.Now())); err != nil {
		return fmt.Errorf("record migration %04d_%s: %w", m.version, m.name, err)
	}
	return nil
}

// loadMigrations reads NNNN_name.sql (shared) and NNNN_name.<engine>.sql
// (engine-only, taking the place of a shared file of the same number) and
// returns engine's migrations in order. Versions must run 1, 2, 3, ... for
// every engine: an engine-only change gives the other engines a file too,
// if only a comment.
func loadMigrations(fsys fs.FS, engine string) ([]migration, error) {
	names, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		return nil, fmt.Errorf("list migrations: %w", err)
	}
	set := migrationSet{shared: map[int]migration{}, specific: map[int]migration{}}
	for _, path := range names {
		if err := set.add(fsys, path, engine); err != nil {
			return nil, err
		}
	}
	for v, m := range set.specific {
		set.shared[v] = m
	}
	return orderMigrations(set.shared, set.top)
}

// migrationSet gathers one engine's migration files.
type migrationSet struct {
	shared, specific map[int]migration
	top              int // the highest version of any engine
}

func (set *migrationSet) add(fsys fs.FS, path, engine string) error {
	version, name, forEngine, err := parseMigrationName(strings.TrimPrefix(path, "migrations/"))
	if err != nil {
		return err
	}
	set.top = max(set.top, version)
	if forEngine != "" && forEngine != engine {
		return nil
	}
	into := set.shared
	if forEngine != "" {
		into, name = set.specific, name+"."+forEngine
	}
	if old, dup := into[version]; dup {
		return fmt.Errorf("migrations %s and %s share version %d", old.name, name, version)
	}
	body, err := fs.ReadFile(fsys, path)
	if err != nil {
		return fmt.Errorf("read migration %s: %w", path, err)
	}
	into[version] = migration{version: version, name: name, sql: string(body)}
	return nil
}

// parseMigrationName splits "0002_add_x.postgres.sql" into 2, "add_x",
// "postgres"; a shared file has engine "".
func parseMigrationName(file string) (version int, name, engine string, err error) {
	num, rest, ok := strings.Cut(strings.TrimSuffix(file, ".sql"), "_")
	version, convErr := strconv.Atoi(num)
	if !ok || convErr != nil || version <= 0 || rest == "" {
		return 0, "", "", fmt.Errorf("migration file %q: want NNNN_name.sql or NNNN_name.<engine>.sql", file)
	}
	name, engine, _ = strings.Cut(rest, ".")
	return version, name, engine, nil
}

func orderMigrations(byVersion map[int]migration, top int) ([]migration, error) {
	ms := make([]migration, 0, top)
	for v := 1; v <= top; v++ {
		m, ok := byVersion[v]
		if !ok {
			return nil, fmt.Errorf("migrations: version %d missing", v)
		}
		ms = append(ms, m)
	}
	if len(ms) == 0 {
		return nil, fmt.Errorf("migrations: none embedded")
	}
	return ms, nil
}
