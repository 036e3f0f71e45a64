package store

import (
	"context"
	"errors"
	"time"
)

// Store is vigil's storage. All times it returns are UTC. Methods return
// ErrNotFound for an unknown id and a *ValidationError for bad input.
type Store interface {
	// CreateKey makes an API key and returns it with its secret. The secret
	// is shown only here; the store keeps its hash.
	CreateKey(ctx context.Context, k NewKey) (Key, string, error)
	// ListKeys returns every key, revoked ones included, oldest first.
	ListKeys(ctx context.Context) ([]Key, error)
	// RevokeKey revokes a key; revoking a revoked key changes nothing.
	RevokeKey(ctx context.Context, id string) error
	// Authenticate returns the key whose secret this is: ErrUnknownKey when
	// none matches, the key and ErrRevokedKey when it matches a revoked key.
	Authenticate(ctx context.Context, secret string) (Key, error)

	// AddUsage adds requests to a key's count for the UTC day of day.
	AddUsage(ctx context.Context, keyID string, day time.Time, requests int64) error
	// Usage returns a key's counts for the UTC days from..to (inclusive),
	// oldest first; days without requests are left out.
	Usage(ctx context.Context, keyID string, from, to time.Time) ([]UsageDay, error)

	// InsertAlert stores an alert with a new ID and status "new"; a zero
	// CreatedAt becomes now.
	InsertAlert(ctx context.Context, a Alert) (Alert, error)
	// InsertAlerts stores a batch of alerts in one transaction, all or
	// none, and returns them with their IDs in the same order.
	InsertAlerts(ctx context.Context, as []Alert) ([]Alert, error)
	// GetAlert returns one alert with its techniques.
	GetAlert(ctx context.Context, id string) (Alert, error)
	// ListAlerts returns one page of alerts, newest first.
	ListAlerts(ctx context.Context, f AlertFilter) (AlertPage, error)
	// SetAlertStatus moves an alert to status (any of the Status* values).
	SetAlertStatus(ctx context.Context, id, status string) (Alert, error)
	// AlertStats counts alerts since a time, by label per bucket of that
	// width up to now, and ranks their techniques.
	AlertStats(ctx context.Context, since time.Time, bucket time.Duration) (Stats, error)

	// CreateAllowRule stores an allow rule with a new ID and no hits.
	CreateAllowRule(ctx context.Context, r AllowRule) (AllowRule, error)
	// ListAllowRules returns every allow rule, oldest first.
	ListAllowRules(ctx context.Context) ([]AllowRule, error)
	// DeleteAllowRule removes a rule.
	DeleteAllowRule(ctx context.Context, id string) error
	// AddAllowHits adds n to a rule's hit count.
	AddAllowHits(ctx context.Context, id string, n int64) error

	// Ping checks that the database answers.
	Ping(ctx context.Context) error
	Close() error
}

var (
	// ErrNotFound: no row has that id.
	ErrNotFound = errors.New("not found")
	// ErrUnknownKey: the secret matches no API key.
	ErrUnknownKey = errors.New("unknown API key")
	// ErrRevokedKey: the secret matches a revoked API key.
	ErrRevokedKey = errors.New("revoked API key")
	// ErrSchemaTooNew: the database was migrated by a newer vigil.
	ErrSchemaTooNew = errors.New("database schema is newer than this build of vigil")
)

// ValidationError reports one bad input field, in terms safe to show a
// client (an API answers it with 400 and the field).
type ValidationError struct {
	Field   string // the field's JSON name, e.g. "status"
	Message string // what is wrong, e.g. `must be one of new, acknowledged, false_positive`
}

func (e *ValidationError) Error() string { return "invalid " + e.Field + ": " + e.Message }

func invalid(field, msg string) error { return &ValidationError{Field: field, Message: msg} }
