package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/vigilsec/vigil/internal/attack"
)

const alertColumns = "id, detector, subject, label, action, status, confidence, evidence, key_id, created_at, updated_at"

func (s *sqlStore) InsertAlert(ctx context.Context, a Alert) (Alert, error) {
	if err := prepareAlert(&a); err != nil {
		return Alert{}, fmt.Errorf("insert alert: %w", err)
	}
	a.ID = newID("alr_")
	if a.CreatedAt.IsZero() {
		a.CreatedAt = nowUTC()
	}
	a.CreatedAt = a.CreatedAt.UTC().Truncate(time.Microsecond)
	a.UpdatedAt = a.CreatedAt
	if err := s.inTx(ctx, func(tx *sql.Tx) error { return s.insertAlert(ctx, tx, a) }); err != nil {
		return Alert{}, fmt.Errorf("insert alert: %w", err)
	}
	return a, nil
}

// InsertAlerts stores several alerts in one transaction, all or none:
// one commit instead of one per alert, which is what lets a busy server
// keep up with its alerts.
func (s *sqlStore) InsertAlerts(ctx context.Context, as []Alert) ([]Alert, error) {
	out := make([]Alert, len(as))
	now := nowUTC()
	for i, a := range as {
		if err := prepareAlert(&a); err != nil {
			return nil, fmt.Errorf("insert alerts: alert %d: %w", i, err)
		}
		a.ID = newID("alr_")
		if a.CreatedAt.IsZero() {
			a.CreatedAt = now
		}
		a.CreatedAt = a.CreatedAt.UTC().Truncate(time.Microsecond)
		a.UpdatedAt = a.CreatedAt
		out[i] = a
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for _, a := range out {
			if err := s.insertAlert(ctx, tx, a); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("insert alerts: %w", err)
	}
	return out, nil
}

func (s *sqlStore) insertAlert(ctx context.Context, tx *sql.Tx, a Alert) error {
	if a.KeyID != "" {
		if ok, err := s.exists(ctx, tx, "api_keys", a.KeyID); err != nil || !ok {
			return orInvalid(err, "key_id", "is not a known API key")
		}
	}
	const q = "INSERT INTO alerts (" + alertColumns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
	_, err := tx.ExecContext(ctx, s.d.rebind(q), a.ID, a.Detector, a.Subject, a.Label, a.Action, a.Status,
		a.Confidence, nullString(string(a.Evidence)), nullString(a.KeyID), toMicros(a.CreatedAt), toMicros(a.UpdatedAt))
	if err != nil {
		return err
	}
	return s.insertTechniques(ctx, tx, a.ID, a.Techniques)
}

// orInvalid returns err, or a validation error for field when err is nil.
func orInvalid(err error, field, msg string) error {
	if err != nil {
		return err
	}
	return invalid(field, msg)
}

func (s *sqlStore) insertTechniques(ctx context.Context, tx *sql.Tx, id string, techs []string) error {
	if len(techs) == 0 {
		return nil
	}
	q := "INSERT INTO alert_techniques (alert_id, pos, technique, base) VALUES "
	args := make([]any, 0, 4*len(techs))
	for i, t := range techs {
		if i > 0 {
			q += ", "
		}
		q += "(?, ?, ?, ?)"
		args = append(args, id, i, t, attack.Parent(t))
	}
	_, err := tx.ExecContext(ctx, s.d.rebind(q), args...)
	return err
}

func (s *sqlStore) GetAlert(ctx context.Context, id string) (Alert, error) {
	a, err := s.getAlert(ctx, s.db, id)
	if err != nil {
		return Alert{}, fmt.Errorf("get alert %q: %w", id, err)
	}
	return a, nil
}

func (s *sqlStore) getAlert(ctx context.Context, q querier, id string) (Alert, error) {
	row := q.QueryRowContext(ctx, s.d.rebind("SELECT "+alertColumns+" FROM alerts WHERE id = ?"), id)
	a, err := scanAlert(row)
	if err != nil {
		return Alert{}, notFound(err)
	}
	alerts := []Alert{a}
	if err := s.loadTechniques(ctx, q, alerts); err != nil {
		return Alert{}, err
	}
	return alerts[0], nil
}

func (s *sqlStore) SetAlertStatus(ctx context.Context, id, status string) (Alert, error) {
	var a Alert
	err := checkStatus(status)
	if err == nil {
		err = s.inTx(ctx, func(tx *sql.Tx) (err error) {
			a, err = s.setStatus(ctx, tx, id, status)
			return err
		})
	}
	if err != nil {
		return Alert{}, fmt.Errorf("set status of alert %q: %w", id, err)
	}
	return a, nil
}

func (s *sqlStore) setStatus(ctx context.Context, tx *sql.Tx, id, status string) (Alert, error) {
	const q = "UPDATE alerts SET status = ?, updated_at = ? WHERE id = ?"
	res, err := tx.ExecContext(ctx, s.d.rebind(q), status, toMicros(nowUTC()), id)
	if err != nil {
		return Alert{}, err
	}
	if err := mustAffect(res); err != nil {
		return Alert{}, err
	}
	return s.getAlert(ctx, tx, id)
}

func scanAlert(row scanner) (Alert, error) {
	var (
		a                Alert
		evidence, keyID  sql.NullString
		created, updated int64
	)
	err := row.Scan(&a.ID, &a.Detector, &a.Subject, &a.Label, &a.Action, &a.Status,
		&a.Confidence, &evidence, &keyID, &created, &updated)
	if err != nil {
		return Alert{}, err
	}
	if evidence.Valid {
		a.Evidence = json.RawMessage(evidence.String)
	}
	a.KeyID = keyID.String
	a.CreatedAt, a.UpdatedAt = fromMicros(created), fromMicros(updated)
	a.Techniques = []string{}
	return a, nil
}

// loadTechniques fills in the techniques of alerts with one query.
func (s *sqlStore) loadTechniques(ctx context.Context, q querier, alerts []Alert) error {
	if len(alerts) == 0 {
		return nil
	}
	idx := make(map[string]int, len(alerts))
	args := make([]any, len(alerts))
	for i, a := range alerts {
		idx[a.ID], args[i] = i, a.ID
	}
	query := "SELECT alert_id, technique FROM alert_techniques WHERE alert_id IN (" +
		placeholders(len(args)) + ") ORDER BY alert_id, pos"
	rows, err := q.QueryContext(ctx, s.d.rebind(query), args...)
	if err != nil {
		return fmt.Errorf("load techniques: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, tech string
		if err := rows.Scan(&id, &tech); err != nil {
			return fmt.Errorf("load techniques: %w", err)
		}
		a := &alerts[idx[id]]
		a.Techniques = append(a.Techniques, tech)
	}
	return rows.Err()
}
