package store

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"
)

func TestAllowRules(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		s := newStore(t, e)
		alert := mustAlert(t, s, sampleAlert())
		at := time.Date(2026, 2, 3, 4, 5, 6, 0, time.UTC)
		exact := mustRule(t, s, AllowRule{Pattern: "git push origin main", Detector: "command", CreatedAt: at})
		regex := mustRule(t, s, AllowRule{Pattern: `^curl -s https://intranet/`, Regex: true, AlertID: alert.ID, CreatedAt: at.Add(time.Second)})
		for _, add := range []struct {
			id string
			n  int64
		}{{exact.ID, 3}, {exact.ID, 4}, {regex.ID, 0}} {
			if err := s.AddAllowHits(t.Context(), add.id, add.n); err != nil {
				t.Fatalf("AddAllowHits(%s, %d): %v", add.id, add.n, err)
			}
		}
		exact.Hits = 7
		checkRules(t, s, []AllowRule{exact, regex})
		if err := s.DeleteAllowRule(t.Context(), exact.ID); err != nil {
			t.Fatal(err)
		}
		checkRules(t, s, []AllowRule{regex})
	})
}

func mustRule(t *testing.T, s Store, r AllowRule) AllowRule {
	t.Helper()
	got, err := s.CreateAllowRule(t.Context(), r)
	if err != nil {
		t.Fatalf("CreateAllowRule(%+v): %v", r, err)
	}
	r.ID = got.ID
	if !reflect.DeepEqual(got, r) || got.ID == "" {
		t.Fatalf("CreateAllowRule = %+v, want %+v with an id", got, r)
	}
	return got
}

func checkRules(t *testing.T, s Store, want []AllowRule) {
	t.Helper()
	got, err := s.ListAllowRules(t.Context())
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("ListAllowRules = %+v, %v\nwant %+v", got, err, want)
	}
}

func TestAllowRuleErrors(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		s := newStore(t, e)
		tests := []struct {
			name     string
			call     func() error
			notFound bool
			field    string
		}{
			{"empty pattern", createRule(s, AllowRule{Pattern: ""}), false, "pattern"},
			{"bad regex", createRule(s, AllowRule{Pattern: "a(b", Regex: true}), false, "pattern"},
			{"bad text is fine when not a regex", createRule(s, AllowRule{Pattern: "a(b"}), false, ""},
			{"unknown alert", createRule(s, AllowRule{Pattern: "x", AlertID: "alr_nope"}), false, "alert_id"},
			{"hits for unknown rule", func() error { return s.AddAllowHits(t.Context(), "alw_nope", 1) }, true, ""},
			{"negative hits", func() error { return s.AddAllowHits(t.Context(), "alw_nope", -1) }, false, "n"},
			{"delete unknown rule", func() error { return s.DeleteAllowRule(t.Context(), "alw_nope") }, true, ""},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				err := tt.call()
				if errors.Is(err, ErrNotFound) != tt.notFound || fieldOf(err) != tt.field {
					t.Fatalf("err = %s; want not found %v, field %q", describe(err), tt.notFound, tt.field)
				}
			})
		}
	})
}

func createRule(s Store, r AllowRule) func() error {
	return func() error {
		_, err := s.CreateAllowRule(context.Background(), r)
		return err
	}
}
