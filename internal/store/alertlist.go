package store

import (
	"context"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/vigilsec/vigil/internal/attack"
)

// ListAlerts pages newest first by keyset on (created_at, id): the cursor
// holds the last alert's position, so inserts between calls neither repeat
// nor skip alerts, and equal timestamps are ordered by id.
func (s *sqlStore) ListAlerts(ctx context.Context, f AlertFilter) (AlertPage, error) {
	page, err := s.listAlerts(ctx, f)
	if err != nil {
		return AlertPage{}, fmt.Errorf("list alerts: %w", err)
	}
	return page, nil
}

func (s *sqlStore) listAlerts(ctx context.Context, f AlertFilter) (AlertPage, error) {
	limit, err := pageLimit(f.Limit)
	if err != nil {
		return AlertPage{}, err
	}
	w, err := alertWhere(f)
	if err != nil {
		return AlertPage{}, err
	}
	q := "SELECT " + alertColumns + " FROM alerts a" + w.String() + " ORDER BY created_at DESC, id DESC LIMIT ?"
	alerts, err := s.queryAlerts(ctx, s.d.rebind(q), append(w.args, limit+1)...)
	if err != nil {
		return AlertPage{}, err
	}
	page := AlertPage{Alerts: alerts}
	if len(alerts) > limit {
		page.Alerts = alerts[:limit]
		page.NextCursor = encodeCursor(page.Alerts[limit-1])
	}
	return page, s.loadTechniques(ctx, s.db, page.Alerts)
}

func (s *sqlStore) queryAlerts(ctx context.Context, q string, args ...any) ([]Alert, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	alerts := []Alert{}
	for rows.Next() {
		a, err := scanAlert(rows)
		if err != nil {
			return nil, err
		}
		alerts = append(alerts, a)
	}
	return alerts, rows.Err()
}

func pageLimit(n int) (int, error) {
	switch {
	case n < 0:
		return 0, invalid("limit", "must not be negative")
	case n == 0:
		return DefaultLimit, nil
	}
	return min(n, MaxLimit), nil
}

// alertWhere turns f into conditions on alerts a.
func alertWhere(f AlertFilter) (*where, error) {
	w := &where{}
	for _, eq := range []struct{ col, val string }{
		{"label", f.Label}, {"status", f.Status}, {"detector", f.Detector}, {"key_id", f.KeyID},
	} {
		if eq.val != "" {
			w.add(eq.col+" = ?", eq.val)
		}
	}
	if f.Status != "" {
		if err := checkStatus(f.Status); err != nil {
			return nil, err
		}
	}
	if err := addTimeRange(w, f.Since, f.Until); err != nil {
		return nil, err
	}
	if err := addTechnique(w, f.Technique); err != nil {
		return nil, err
	}
	return w, addCursor(w, f.Cursor)
}

func addTimeRange(w *where, since, until time.Time) error {
	if !since.IsZero() && !until.IsZero() && !since.Before(until) {
		return invalid("until", "must be after since")
	}
	if !since.IsZero() {
		w.add("created_at >= ?", toMicros(since))
	}
	if !until.IsZero() {
		w.add("created_at < ?", toMicros(until))
	}
	return nil
}

// addTechnique matches a sub-technique exactly and a parent technique with
// all its sub-techniques, through the indexed base column.
func addTechnique(w *where, tech string) error {
	if tech == "" {
		return nil
	}
	id, ok := attack.Normalize(tech)
	if !ok {
		return invalid("technique", fmt.Sprintf("%q is not an ATT&CK technique id", tech))
	}
	col := "technique"
	if attack.Parent(id) == id {
		col = "base"
	}
	w.add("EXISTS (SELECT 1 FROM alert_techniques t WHERE t.alert_id = a.id AND t."+col+" = ?)", id)
	return nil
}

func addCursor(w *where, cursor string) error {
	if cursor == "" {
		return nil
	}
	at, id, err := decodeCursor(cursor)
	if err != nil {
		return invalid("cursor", "is not a cursor this server issued")
	}
	w.add("(created_at < ? OR (created_at = ? AND id < ?))", at, at, id)
	return nil
}

// A cursor is base64url("<created_at µs>:<id>"); callers treat it as opaque.
func encodeCursor(a Alert) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(toMicros(a.CreatedAt), 10) + ":" + a.ID))
}

func decodeCursor(c string) (int64, string, error) {
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return 0, "", err
	}
	at, id, ok := strings.Cut(string(raw), ":")
	if !ok || id == "" {
		return 0, "", fmt.Errorf("cursor has no id")
	}
	us, err := strconv.ParseInt(at, 10, 64)
	return us, id, err
}
