package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

const ruleColumns = "id, pattern, regex, detector, alert_id, created_at, hits"

// CreateAllowRule stores r with a new ID and no hits; a zero CreatedAt
// becomes now. AlertID, when set, must name an alert.
func (s *sqlStore) CreateAllowRule(ctx context.Context, r AllowRule) (AllowRule, error) {
	if err := prepareRule(r); err != nil {
		return AllowRule{}, fmt.Errorf("create allow rule: %w", err)
	}
	r.ID, r.Hits = newID("alw_"), 0
	if r.CreatedAt.IsZero() {
		r.CreatedAt = nowUTC()
	}
	r.CreatedAt = r.CreatedAt.UTC().Truncate(time.Microsecond)
	if err := s.inTx(ctx, func(tx *sql.Tx) error { return s.insertRule(ctx, tx, r) }); err != nil {
		return AllowRule{}, fmt.Errorf("create allow rule: %w", err)
	}
	return r, nil
}

func (s *sqlStore) insertRule(ctx context.Context, tx *sql.Tx, r AllowRule) error {
	if r.AlertID != "" {
		if ok, err := s.exists(ctx, tx, "alerts", r.AlertID); err != nil || !ok {
			return orInvalid(err, "alert_id", "is not a known alert")
		}
	}
	const q = "INSERT INTO allow_rules (" + ruleColumns + ") VALUES (?, ?, ?, ?, ?, ?, ?)"
	_, err := tx.ExecContext(ctx, s.d.rebind(q), r.ID, r.Pattern, boolInt(r.Regex), r.Detector,
		nullString(r.AlertID), toMicros(r.CreatedAt), r.Hits)
	return err
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (s *sqlStore) ListAllowRules(ctx context.Context) ([]AllowRule, error) {
	rules, err := s.listRules(ctx)
	if err != nil {
		return nil, fmt.Errorf("list allow rules: %w", err)
	}
	return rules, nil
}

func (s *sqlStore) listRules(ctx context.Context) ([]AllowRule, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT "+ruleColumns+" FROM allow_rules ORDER BY created_at, id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	rules := []AllowRule{}
	for rows.Next() {
		var (
			r       AllowRule
			regex   int
			alertID sql.NullString
			created int64
		)
		if err := rows.Scan(&r.ID, &r.Pattern, &regex, &r.Detector, &alertID, &created, &r.Hits); err != nil {
			return nil, err
		}
		r.Regex, r.AlertID, r.CreatedAt = regex == 1, alertID.String, fromMicros(created)
		rules = append(rules, r)
	}
	return rules, rows.Err()
}

func (s *sqlStore) DeleteAllowRule(ctx context.Context, id string) error {
	res, err := s.db.ExecContext(ctx, s.d.rebind("DELETE FROM allow_rules WHERE id = ?"), id)
	if err == nil {
		err = mustAffect(res)
	}
	if err != nil {
		return fmt.Errorf("delete allow rule %q: %w", id, err)
	}
	return nil
}

func (s *sqlStore) AddAllowHits(ctx context.Context, id string, n int64) error {
	if n < 0 {
		return fmt.Errorf("add allow rule hits: %w", invalid("n", "must not be negative"))
	}
	res, err := s.db.ExecContext(ctx, s.d.rebind("UPDATE allow_rules SET hits = hits + ? WHERE id = ?"), n, id)
	if err == nil {
		err = mustAffect(res)
	}
	if err != nil {
		return fmt.Errorf("add hits to allow rule %q: %w", id, err)
	}
	return nil
}
