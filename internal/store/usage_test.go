package store

import (
	"errors"
	"testing"
	"time"
)

func TestUsage(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		s := newStore(t, e)
		k, _ := mustKey(t, s, "k")
		other, _ := mustKey(t, s, "other")
		day1 := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
		east := time.FixedZone("UTC+10", 10*3600)
		adds := []struct {
			key string
			at  time.Time
			n   int64
		}{
			{k.ID, day1.Add(time.Hour), 5},
			{k.ID, day1.Add(23 * time.Hour), 7},
			{k.ID, time.Date(2026, 3, 2, 9, 0, 0, 0, east), 2}, // 23:00 UTC on March 1
			{k.ID, day1.Add(24 * time.Hour), 1},
			{k.ID, day1.Add(72 * time.Hour), 4},
			{other.ID, day1, 100},
		}
		for _, a := range adds {
			if err := s.AddUsage(t.Context(), a.key, a.at, a.n); err != nil {
				t.Fatalf("AddUsage(%s, %s, %d): %v", a.key, a.at, a.n, err)
			}
		}
		checkUsage(t, s, k.ID, day1, day1.Add(24*time.Hour), []UsageDay{{day1, 14}, {day1.AddDate(0, 0, 1), 1}})
		checkUsage(t, s, k.ID, day1.Add(12*time.Hour), day1.AddDate(0, 0, 5), []UsageDay{{day1, 14}, {day1.AddDate(0, 0, 1), 1}, {day1.AddDate(0, 0, 3), 4}})
		checkUsage(t, s, k.ID, day1.AddDate(0, 0, 10), day1.AddDate(0, 0, 11), []UsageDay{})
	})
}

func checkUsage(t *testing.T, s Store, keyID string, from, to time.Time, want []UsageDay) {
	t.Helper()
	got, err := s.Usage(t.Context(), keyID, from, to)
	if err != nil {
		t.Fatalf("Usage: %v", err)
	}
	if len(got) != len(want) {
		t.Fatalf("Usage(%s..%s) = %+v, want %+v", from, to, got, want)
	}
	for i := range got {
		if !got[i].Day.Equal(want[i].Day) || got[i].Requests != want[i].Requests || got[i].Day.Location() != time.UTC {
			t.Errorf("Usage(%s..%s)[%d] = %+v, want %+v", from, to, i, got[i], want[i])
		}
	}
}

func TestUsageErrors(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		s := newStore(t, e)
		k, _ := mustKey(t, s, "k")
		now := time.Now()
		tests := []struct {
			name      string
			call      func() error
			notFound  bool
			wantField string
		}{
			{"add for unknown key", func() error { return s.AddUsage(t.Context(), "key_nope", now, 1) }, true, ""},
			{"read unknown key", func() error { _, err := s.Usage(t.Context(), "key_nope", now, now); return err }, true, ""},
			{"negative requests", func() error { return s.AddUsage(t.Context(), k.ID, now, -1) }, false, "requests"},
			{"range backwards", func() error { _, err := s.Usage(t.Context(), k.ID, now, now.AddDate(0, 0, -1)); return err }, false, "to"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				err := tt.call()
				if errors.Is(err, ErrNotFound) != tt.notFound || fieldOf(err) != tt.wantField {
					t.Fatalf("err = %s; want not found %v, field %q", describe(err), tt.notFound, tt.wantField)
				}
			})
		}
	})
}
