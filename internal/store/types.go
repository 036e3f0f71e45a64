package store

import (
	"encoding/json"
	"slices"
	"time"
)

// API key scopes.
const (
	ScopeScan  = "scan"  // may submit events for scanning
	ScopeAdmin = "admin" // may manage keys, alerts and allow rules
)

// Alert statuses: an alert starts "new"; an analyst acknowledges it or marks
// it a false positive, and may move it back.
const (
	StatusNew           = "new"
	StatusAcknowledged  = "acknowledged"
	StatusFalsePositive = "false_positive"
)

// NewKey is what CreateKey needs.
type NewKey struct {
	Name      string   `json:"name"`
	Scopes    []string `json:"scopes"`     // ScopeScan, ScopeAdmin; empty means [scan]
	RateLimit int      `json:"rate_limit"` // requests per minute; 0 means the server default
}

// Key is an API key without its secret.
type Key struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Prefix    string    `json:"prefix"` // the secret's first characters, for display
	Scopes    []string  `json:"scopes"`
	RateLimit int       `json:"rate_limit"`
	CreatedAt time.Time `json:"created_at"`
	RevokedAt time.Time `json:"revoked_at,omitzero"` // zero while the key is active
}

// Revoked reports whether the key has been revoked.
func (k Key) Revoked() bool { return !k.RevokedAt.IsZero() }

// HasScope reports whether the key grants scope; admin grants every scope.
func (k Key) HasScope(scope string) bool {
	return slices.Contains(k.Scopes, scope) || slices.Contains(k.Scopes, ScopeAdmin)
}

// UsageDay is one key's request count on one UTC day.
type UsageDay struct {
	Day      time.Time `json:"day"` // midnight UTC
	Requests int64     `json:"requests"`
}

// Alert is a flagged verdict.
type Alert struct {
	ID         string          `json:"id"`
	Detector   string          `json:"detector"` // e.g. "command"
	Subject    string          `json:"subject"`  // the command line or request summary
	Label      string          `json:"label"`
	Action     string          `json:"action"`
	Status     string          `json:"status"`
	Confidence float64         `json:"confidence"`         // 0..1
	Techniques []string        `json:"techniques"`         // ATT&CK ids, canonical form
	Evidence   json.RawMessage `json:"evidence,omitempty"` // the whole verdict
	KeyID      string          `json:"key_id,omitempty"`   // the API key that submitted it
	CreatedAt  time.Time       `json:"created_at"`
	UpdatedAt  time.Time       `json:"updated_at"`
}

// AlertFilter selects alerts; zero fields match everything.
type AlertFilter struct {
	Label     string
	Technique string // "T1059.001" matches it; "T1059" matches it and its sub-techniques
	Status    string
	Detector  string
	KeyID     string
	Since     time.Time // inclusive
	Until     time.Time // exclusive
	Limit     int       // default DefaultLimit, at most MaxLimit
	Cursor    string    // AlertPage.NextCursor of the previous page
}

// Page sizes for ListAlerts.
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// AlertPage is one page of alerts; NextCursor is "" on the last page.
type AlertPage struct {
	Alerts     []Alert `json:"alerts"`
	NextCursor string  `json:"next_cursor,omitempty"`
}

// Stats summarises alerts for the dashboard.
type Stats struct {
	Since      time.Time        `json:"since"`
	Bucket     time.Duration    `json:"bucket"`
	Total      int64            `json:"total"`
	Buckets    []StatsBucket    `json:"buckets"`    // consecutive, from Since to now
	Techniques []TechniqueCount `json:"techniques"` // most frequent first, at most TopTechniques
}

// TopTechniques is how many techniques Stats ranks.
const TopTechniques = 10

// StatsBucket counts the alerts created in [Start, Start+Bucket) by label.
type StatsBucket struct {
	Start  time.Time        `json:"start"`
	Total  int64            `json:"total"`
	Labels map[string]int64 `json:"labels"`
}

// TechniqueCount is how many alerts cite a technique.
type TechniqueCount struct {
	Technique string `json:"technique"`
	Count     int64  `json:"count"`
}

// AllowRule suppresses alerts that match it, typically made from a false
// positive.
type AllowRule struct {
	ID        string    `json:"id"`
	Pattern   string    `json:"pattern"`
	Regex     bool      `json:"regex"`    // Pattern is a regular expression, else exact text
	Detector  string    `json:"detector"` // the detector it applies to; "" means all
	AlertID   string    `json:"alert_id,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	Hits      int64     `json:"hits"`
}
