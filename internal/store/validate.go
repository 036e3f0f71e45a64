package store

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/vigilsec/vigil/internal/attack"
)

// Input limits. They keep one request from filling the database.
const (
	maxNameLen     = 100       // key names, detectors, labels, actions
	maxSubjectLen  = 64 << 10  // an alert's subject (a command line)
	maxEvidenceLen = 1 << 20   // an alert's verdict JSON
	maxTechniques  = 64        // techniques per alert
	maxPatternLen  = 4 << 10   // an allow rule's pattern
	maxRateLimit   = 1_000_000 // requests per minute
	maxIDLen       = 64        // ids passed in, e.g. an alert's key_id
)

var statuses = []string{StatusNew, StatusAcknowledged, StatusFalsePositive}

// newKey validates nk and returns the key to store, with sorted unique scopes.
func newKey(nk NewKey) (Key, error) {
	k := Key{ID: newID("key_"), Name: strings.TrimSpace(nk.Name), RateLimit: nk.RateLimit, CreatedAt: nowUTC()}
	if err := checkText("name", k.Name, maxNameLen, true); err != nil {
		return Key{}, err
	}
	if k.RateLimit < 0 || k.RateLimit > maxRateLimit {
		return Key{}, invalid("rate_limit", fmt.Sprintf("must be between 0 and %d", maxRateLimit))
	}
	scopes, err := checkScopes(nk.Scopes)
	if err != nil {
		return Key{}, err
	}
	k.Scopes = scopes
	return k, nil
}

func checkScopes(in []string) ([]string, error) {
	if len(in) == 0 {
		return []string{ScopeScan}, nil
	}
	for _, s := range in {
		if s != ScopeScan && s != ScopeAdmin {
			return nil, invalid("scopes", fmt.Sprintf("unknown scope %q: want %s or %s", s, ScopeScan, ScopeAdmin))
		}
	}
	out := slices.Clone(in)
	slices.Sort(out)
	return slices.Compact(out), nil
}

// checkText checks that s is valid UTF-8 of at most limit bytes, and present
// when required.
func checkText(field, s string, limit int, required bool) error {
	switch {
	case required && strings.TrimSpace(s) == "":
		return invalid(field, "is required")
	case len(s) > limit:
		return invalid(field, fmt.Sprintf("is longer than %d bytes", limit))
	case !utf8.ValidString(s):
		return invalid(field, "is not valid UTF-8")
	}
	return nil
}

func checkStatus(status string) error {
	if !slices.Contains(statuses, status) {
		return invalid("status", "must be one of "+strings.Join(statuses, ", "))
	}
	return nil
}

// prepareAlert validates a and fills its defaults: status "new", canonical
// unique techniques.
func prepareAlert(a *Alert) error {
	if err := checkAlertText(a); err != nil {
		return err
	}
	if math.IsNaN(a.Confidence) || a.Confidence < 0 || a.Confidence > 1 {
		return invalid("confidence", "must be between 0 and 1")
	}
	if a.Status == "" {
		a.Status = StatusNew
	}
	if err := checkStatus(a.Status); err != nil {
		return err
	}
	if err := checkEvidence(a.Evidence); err != nil {
		return err
	}
	techs, err := canonicalTechniques(a.Techniques)
	a.Techniques = techs
	return err
}

func checkAlertText(a *Alert) error {
	for _, f := range []struct {
		field, value string
		limit        int
		required     bool
	}{
		{"detector", a.Detector, maxNameLen, true},
		{"label", a.Label, maxNameLen, true},
		{"action", a.Action, maxNameLen, false},
		{"subject", a.Subject, maxSubjectLen, false},
		{"key_id", a.KeyID, maxIDLen, false},
	} {
		if err := checkText(f.field, f.value, f.limit, f.required); err != nil {
			return err
		}
	}
	return nil
}

func checkEvidence(e json.RawMessage) error {
	switch {
	case len(e) > maxEvidenceLen:
		return invalid("evidence", fmt.Sprintf("is larger than %d bytes", maxEvidenceLen))
	case len(e) > 0 && !json.Valid(e):
		return invalid("evidence", "is not valid JSON")
	}
	return nil
}

// canonicalTechniques normalises ATT&CK ids ("t1059.001" → "T1059.001") and
// drops repeats, keeping the first order.
func canonicalTechniques(in []string) ([]string, error) {
	if len(in) > maxTechniques {
		return nil, invalid("techniques", fmt.Sprintf("has more than %d entries", maxTechniques))
	}
	out := make([]string, 0, len(in))
	for _, t := range in {
		id, ok := attack.Normalize(t)
		if !ok {
			return nil, invalid("techniques", fmt.Sprintf("%q is not an ATT&CK technique id", t))
		}
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out, nil
}

// prepareRule validates an allow rule; a regex pattern must compile.
func prepareRule(r AllowRule) error {
	if err := checkText("pattern", r.Pattern, maxPatternLen, true); err != nil {
		return err
	}
	if err := checkText("detector", r.Detector, maxNameLen, false); err != nil {
		return err
	}
	if err := checkText("alert_id", r.AlertID, maxIDLen, false); err != nil {
		return err
	}
	if r.Regex {
		if _, err := regexp.Compile(r.Pattern); err != nil {
			return invalid("pattern", "is not a valid regular expression: "+err.Error())
		}
	}
	return nil
}
