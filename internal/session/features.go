package session

import (
	"fmt"

	"github.com/vigilsec/vigil/internal/ml/features"
)

// NumFeatures is the number of session features.
const NumFeatures = 6

// Features are the six numbers that describe a session. Every field is an
// integer within the range Spec gives; Validate checks them.
type Features struct {
	FailedLogins     int `json:"failed_logins"`
	RequestRate      int `json:"request_rate"`
	CommandsCount    int `json:"commands_count"`
	SQLPayload       int `json:"sql_payload"`
	HoneytokenAccess int `json:"honeytoken_access"`
	SessionTime      int `json:"session_time"`
}

// Field describes one feature: its JSON name, type, inclusive range and
// meaning. Its position in Spec is its column in the models.
type Field struct {
	Name        string `json:"name"`
	Type        string `json:"type" doc:"integer or binary (an integer, 0 or 1)"`
	Min         int    `json:"min"`
	Max         int    `json:"max"`
	Unit        string `json:"unit,omitempty"`
	Description string `json:"description"`
}

// fields is the feature specification in model column order.
var fields = [NumFeatures]Field{
	{"failed_logins", "integer", 0, 150, "", "failed login attempts in the session"},
	{"request_rate", "integer", 1, 600, "requests/s", "peak requests (or commands) per second"},
	{"commands_count", "integer", 0, 20, "", "commands run (state-changing requests in HTTP logs)"},
	{"sql_payload", "binary", 0, 1, "", "1 when any request carried an SQL payload"},
	{"honeytoken_access", "binary", 0, 1, "", "1 when the session touched a honeytoken"},
	{"session_time", "integer", 10, 600, "s", "session duration"},
}

// FeatureSpec lists the features in the order the models read them.
type FeatureSpec struct {
	Version int      `json:"version"`
	Order   []string `json:"order"`
	Fields  []Field  `json:"fields"`
}

// Spec returns the feature specification (a fresh copy).
func Spec() FeatureSpec {
	s := FeatureSpec{Version: schemaVersion, Fields: append([]Field(nil), fields[:]...)}
	for _, f := range fields {
		s.Order = append(s.Order, f.Name)
	}
	return s
}

// schemaVersion changes when the meaning of a feature changes.
const schemaVersion = 1

// Schema is the feature schema stored in the model artifact. Its dense
// column names carry each feature's type and range, so a build that
// changes a range refuses the old model.
func Schema() features.Schema {
	s := features.Schema{Name: "session", Version: schemaVersion}
	for _, f := range fields {
		s.Dense = append(s.Dense, fmt.Sprintf("%s:%s[%d,%d]", f.Name, f.Type, f.Min, f.Max))
	}
	return s
}

// Values returns the features in column order.
func (f Features) Values() [NumFeatures]int {
	return [NumFeatures]int{f.FailedLogins, f.RequestRate, f.CommandsCount, f.SQLPayload, f.HoneytokenAccess, f.SessionTime}
}

// FromValues builds Features from values in column order.
func FromValues(v [NumFeatures]int) Features {
	return Features{v[0], v[1], v[2], v[3], v[4], v[5]}
}

// row writes the features as a model input row.
func (f Features) row(dst []float32) {
	for i, v := range f.Values() {
		dst[i] = float32(v)
	}
}
