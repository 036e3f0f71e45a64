package main

import (
	"fmt"

	"github.com/vigilsec/vigil/internal/httpreq"
	hdetect "github.com/vigilsec/vigil/internal/httpreq/detect"
	"github.com/vigilsec/vigil/internal/session"
)

// sqlAttackTypes are the HTTP detector's attack types that count as an SQL
// payload in a session.
var sqlAttackTypes = map[string]bool{"sqli": true, "nosqli": true}

// sqlFromHTTPDetector makes session extraction take sql_payload from the
// HTTP request detector: a request is an SQL payload when the detector
// calls it an attack and either names an SQL type or the decoded query or
// body has SQL syntax (the attack-type model can name the wrong class for
// a short payload). Command events never are.
func sqlFromHTTPDetector(modelsDir string) (func(*session.Event) bool, error) {
	f := httpDetectorFlags{models: modelsDir}
	det, err := f.load()
	if err != nil {
		return nil, fmt.Errorf("--sql detector: %w", err)
	}
	return func(e *session.Event) bool { return isSQLAttack(det, e) }, nil
}

func isSQLAttack(det *hdetect.Detector, e *session.Event) bool {
	if e.IsCommand() {
		return false
	}
	v, err := det.Scan(&httpreq.Request{Method: e.Method, Path: e.Path, Query: e.Query, Body: e.Body})
	if err != nil || v.Label != "attack" {
		return false
	}
	if v.AttackType != nil && sqlAttackTypes[*v.AttackType] {
		return true
	}
	return session.LooksLikeSQL(e.Query) || session.LooksLikeSQL(e.Body)
}
