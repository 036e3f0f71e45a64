package store

import (
	"context"
	"fmt"
	"time"
)

const dayLayout = "2006-01-02"

func dayOf(t time.Time) string { return t.UTC().Format(dayLayout) }

// AddUsage upserts the key's row for the day; a key that does not exist
// inserts nothing and gives ErrNotFound.
func (s *sqlStore) AddUsage(ctx context.Context, keyID string, day time.Time, requests int64) error {
	if requests < 0 {
		return fmt.Errorf("add usage: %w", invalid("requests", "must not be negative"))
	}
	const q = `INSERT INTO key_usage (key_id, day, requests)
		SELECT id, CAST(? AS TEXT), CAST(? AS BIGINT) FROM api_keys WHERE id = ?
		ON CONFLICT (key_id, day) DO UPDATE SET requests = key_usage.requests + excluded.requests`
	res, err := s.db.ExecContext(ctx, s.d.rebind(q), dayOf(day), requests, keyID)
	if err == nil {
		err = mustAffect(res)
	}
	if err != nil {
		return fmt.Errorf("add usage for key %q: %w", keyID, err)
	}
	return nil
}

func (s *sqlStore) Usage(ctx context.Context, keyID string, from, to time.Time) ([]UsageDay, error) {
	days, err := s.usage(ctx, keyID, dayOf(from), dayOf(to))
	if err != nil {
		return nil, fmt.Errorf("usage of key %q: %w", keyID, err)
	}
	return days, nil
}

func (s *sqlStore) usage(ctx context.Context, keyID, from, to string) ([]UsageDay, error) {
	if from > to {
		return nil, invalid("to", "must not be before from")
	}
	if ok, err := s.exists(ctx, s.db, "api_keys", keyID); err != nil || !ok {
		return nil, orNotFound(err)
	}
	const q = "SELECT day, requests FROM key_usage WHERE key_id = ? AND day >= ? AND day <= ? ORDER BY day"
	rows, err := s.db.QueryContext(ctx, s.d.rebind(q), keyID, from, to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	days := []UsageDay{}
	for rows.Next() {
		var d UsageDay
		var day string
		if err := rows.Scan(&day, &d.Requests); err != nil {
			return nil, err
		}
		if d.Day, err = time.Parse(dayLayout, day); err != nil {
			return nil, fmt.Errorf("stored day %q: %w", day, err)
		}
		days = append(days, d)
	}
	return days, rows.Err()
}

// orNotFound returns err, or ErrNotFound when err is nil.
func orNotFound(err error) error {
	if err != nil {
		return err
	}
	return ErrNotFound
}
