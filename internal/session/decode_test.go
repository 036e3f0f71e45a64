package session

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

const validJSON = `{"failed_logins":1,"request_rate":50,"commands_count":3,"sql_payload":0,"honeytoken_access":0,"session_time":300}`

// with replaces one "name":value pair of validJSON.
func with(name, value string) string {
	start := strings.Index(validJSON, `"`+name+`":`)
	end := start + strings.IndexAny(validJSON[start:], ",}")
	return validJSON[:start] + `"` + name + `":` + value + validJSON[end:]
}

func TestDecodeFeaturesAcceptsValidInput(t *testing.T) {
	f, err := DecodeFeatures([]byte(validJSON))
	if err != nil {
		t.Fatal(err)
	}
	want := Features{FailedLogins: 1, RequestRate: 50, CommandsCount: 3, SessionTime: 300}
	if f != want {
		t.Fatalf("got %+v, want %+v", f, want)
	}
}

func TestDecodeFeaturesRejectsWithFieldMessages(t *testing.T) {
	tests := []struct {
		name, in string
		want     []FieldError
	}{
		{"failed_logins below range", with("failed_logins", "-1"), []FieldError{{"failed_logins", "must be between 0 and 150, got -1"}}},
		{"failed_logins above range", with("failed_logins", "151"), []FieldError{{"failed_logins", "must be between 0 and 150, got 151"}}},
		{"request_rate below range", with("request_rate", "0"), []FieldError{{"request_rate", "must be between 1 and 600, got 0"}}},
		{"request_rate above range", with("request_rate", "601"), []FieldError{{"request_rate", "must be between 1 and 600, got 601"}}},
		{"commands_count above range", with("commands_count", "21"), []FieldError{{"commands_count", "must be between 0 and 20, got 21"}}},
		{"sql_payload not a flag", with("sql_payload", "2"), []FieldError{{"sql_payload", "must be 0 or 1, got 2"}}},
		{"honeytoken_access not a flag", with("honeytoken_access", "-1"), []FieldError{{"honeytoken_access", "must be 0 or 1, got -1"}}},
		{"session_time below range", with("session_time", "9"), []FieldError{{"session_time", "must be between 10 and 600, got 9"}}},
		{"session_time above range", with("session_time", "601"), []FieldError{{"session_time", "must be between 10 and 600, got 601"}}},
		{"a fraction is not an integer", with("failed_logins", "1.5"), []FieldError{{"failed_logins", "must be an integer, got 1.5"}}},
		{"1.0 is not an integer either", with("commands_count", "1.0"), []FieldError{{"commands_count", "must be an integer, got 1.0"}}},
		{"exponent notation is not an integer", with("request_rate", "1e2"), []FieldError{{"request_rate", "must be an integer, got 1e2"}}},
		{"a numeric string is not an integer", with("commands_count", `"3"`), []FieldError{{"commands_count", "must be an integer, not a string"}}},
		{"a boolean is not a flag", with("sql_payload", "true"), []FieldError{{"sql_payload", "must be an integer, not a boolean"}}},
		{"null is not a value", with("session_time", "null"), []FieldError{{"session_time", "must be an integer, not null"}}},
		{"an array is not a value", with("session_time", "[1]"), []FieldError{{"session_time", "must be an integer, not an object or array"}}},
		{"a huge number is out of range", with("failed_logins", "99999999999999999999"), []FieldError{{"failed_logins", "must be between 0 and 150, got 99999999999999999999"}}},
		{"unknown field", strings.TrimSuffix(validJSON, "}") + `,"bytes":1}`, []FieldError{{"bytes", "unknown field"}}},
		{"duplicate field", strings.TrimSuffix(validJSON, "}") + `,"sql_payload":1}`, []FieldError{{"sql_payload", "duplicate field"}}},
		{"only one field given", `{"failed_logins":-1}`, []FieldError{
			{"failed_logins", "must be between 0 and 150, got -1"}, {"request_rate", "required"}, {"commands_count", "required"},
			{"sql_payload", "required"}, {"honeytoken_access", "required"}, {"session_time", "required"},
		}},
		{"a session object is not a feature", strings.TrimSuffix(validJSON, "}") + `,"session":{}}`, []FieldError{{"session", "unknown field"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeFeatures([]byte(tt.in))
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("err = %v, want a *ValidationError", err)
			}
			if !reflect.DeepEqual(ve.Errors, tt.want) {
				t.Fatalf("errors = %+v\nwant     %+v", ve.Errors, tt.want)
			}
		})
	}
}

func TestDecodeFeaturesRejectsMalformedJSON(t *testing.T) {
	for _, in := range []string{``, `[]`, `"x"`, `{`, `{"failed_logins":}`, validJSON + `{}`, validJSON + ` x`, `null`} {
		if _, err := DecodeFeatures([]byte(in)); !errors.Is(err, ErrMalformed) {
			t.Errorf("%q: err = %v, want ErrMalformed", in, err)
		}
	}
}

func TestDecodeRecordPassesTheSessionThrough(t *testing.T) {
	in := strings.TrimSuffix(validJSON, "}") + `,"session":{"key":"203.0.113.9","events":3}}`
	r, err := DecodeRecord([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if string(r.Session) != `{"key":"203.0.113.9","events":3}` || r.FailedLogins != 1 {
		t.Fatalf("got %+v session %s", r.Features, r.Session)
	}
	_, err = DecodeRecord([]byte(strings.TrimSuffix(validJSON, "}") + `,"session":"x"}`))
	var ve *ValidationError
	if !errors.As(err, &ve) || ve.Errors[0].Field != "session" {
		t.Fatalf("a non-object session: err = %v", err)
	}
}

func TestValidateNeverClamps(t *testing.T) {
	f := Features{FailedLogins: 151, RequestRate: 0, CommandsCount: 21, SQLPayload: 2, HoneytokenAccess: 2, SessionTime: 601}
	var ve *ValidationError
	if err := Validate(f); !errors.As(err, &ve) || len(ve.Errors) != NumFeatures {
		t.Fatalf("want one error per field, got %v", err)
	}
	lo := Features{RequestRate: 1, SessionTime: 10}
	hi := Features{FailedLogins: 150, RequestRate: 600, CommandsCount: 20, SQLPayload: 1, HoneytokenAccess: 1, SessionTime: 600}
	for _, f := range []Features{lo, hi} {
		if err := Validate(f); err != nil {
			t.Errorf("bounds are inclusive: %+v: %v", f, err)
		}
	}
}

func TestSpecListsFeaturesInModelOrder(t *testing.T) {
	s := Spec()
	want := []string{"failed_logins", "request_rate", "commands_count", "sql_payload", "honeytoken_access", "session_time"}
	if !reflect.DeepEqual(s.Order, want) || len(s.Fields) != NumFeatures {
		t.Fatalf("order %v", s.Order)
	}
	for i, f := range s.Fields {
		if f.Name != want[i] || f.Min >= f.Max || (f.Type != "integer" && f.Type != "binary") {
			t.Errorf("field %d: %+v", i, f)
		}
	}
	s.Fields[0].Max = 1 // a copy: the package's spec is unchanged
	if Spec().Fields[0].Max != 150 {
		t.Fatal("Spec returned shared memory")
	}
}

// TestSchemaHashIsStable pins the feature schema: a change to a name, the
// order or a range changes the hash, and the shipped model then refuses
// to load until retrained (update this value when you retrain).
func TestSchemaHashIsStable(t *testing.T) {
	const want = "66a3a3c7d87ae5ad522d3fbc2623212ffb3ad1dae11e3ba0ae4593a36aad00dc"
	if got := Schema().Hash(); got != want {
		t.Fatalf("schema hash %s, want %s", got, want)
	}
}
