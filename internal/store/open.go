package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Open opens the store named by url, migrating its schema. url is "" for
// SQLite in dataDir/vigil.db, "sqlite:///path/file.db" (or
// "sqlite://relative.db") for a given SQLite file, or a "postgres://" or
// "postgresql://" URL for PostgreSQL.
func Open(ctx context.Context, url, dataDir string) (Store, error) {
	s, err := open(ctx, url, dataDir)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// open is Open returning the concrete type, for the tests.
func open(ctx context.Context, url, dataDir string) (*sqlStore, error) {
	db, d, err := connect(ctx, url, dataDir)
	if err != nil {
		return nil, err
	}
	if err := migrate(ctx, db, d); err != nil {
		db.Close()
		return nil, fmt.Errorf("migrate %s database: %w", d.name, err)
	}
	return &sqlStore{db: db, d: d}, nil
}

func connect(ctx context.Context, url, dataDir string) (*sql.DB, dialect, error) {
	switch {
	case url == "":
		if dataDir == "" {
			return nil, dialect{}, fmt.Errorf("open store: no database URL and no data directory")
		}
		return openSQLite(ctx, defaultSQLitePath(dataDir))
	case strings.HasPrefix(url, "sqlite://"):
		return openSQLite(ctx, strings.TrimPrefix(url, "sqlite://"))
	case strings.HasPrefix(url, "postgres://"), strings.HasPrefix(url, "postgresql://"):
		return openPostgres(ctx, url)
	}
	return nil, dialect{}, fmt.Errorf("open store: unsupported database URL %q: want postgres://, postgresql:// or sqlite://", scheme(url))
}

// scheme returns url's scheme part only, so an error never echoes a password.
func scheme(url string) string {
	if i := strings.Index(url, "://"); i >= 0 {
		return url[:i+3] + "..."
	}
	if len(url) > 16 {
		return url[:16] + "..."
	}
	return url
}

// sqlStore implements Store on database/sql for both dialects.
type sqlStore struct {
	db *sql.DB
	d  dialect
}

var _ Store = (*sqlStore)(nil)

func (s *sqlStore) Ping(ctx context.Context) error {
	if err := s.db.PingContext(ctx); err != nil {
		return fmt.Errorf("ping %s: %w", s.d.name, err)
	}
	return nil
}

func (s *sqlStore) Close() error { return s.db.Close() }
