package store

import (
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"
)

func sampleAlert() Alert {
	return Alert{
		Detector:   "command",
		Subject:    "powershell -enc SQBFAFgA",
		Label:      "malicious",
		Action:     "block",
		Confidence: 0.97,
		Techniques: []string{"t1059.001", "T1027", "attack.t1059.001"},
		Evidence:   json.RawMessage(`{"score": 0.97,  "rules": ["ps-enc"]}`),
		CreatedAt:  time.Date(2026, 5, 1, 12, 0, 0, 123456789, time.FixedZone("CEST", 2*3600)),
	}
}

func TestInsertAndGetAlert(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		s := newStore(t, e)
		k, _ := mustKey(t, s, "k")
		in := sampleAlert()
		in.KeyID = k.ID
		got := mustAlert(t, s, in)
		want := in
		want.ID, want.Status = got.ID, StatusNew
		want.Techniques = []string{"T1059.001", "T1027"}
		want.CreatedAt = time.Date(2026, 5, 1, 10, 0, 0, 123456000, time.UTC)
		want.UpdatedAt = want.CreatedAt
		if !strings.HasPrefix(got.ID, "alr_") || !reflect.DeepEqual(got, want) {
			t.Fatalf("InsertAlert =\n%+v\nwant\n%+v", got, want)
		}
		read, err := s.GetAlert(t.Context(), got.ID)
		if err != nil || !reflect.DeepEqual(read, want) {
			t.Fatalf("GetAlert = %+v, %v\nwant %+v", read, err, want)
		}
		if _, err := s.GetAlert(t.Context(), "alr_nope"); !errors.Is(err, ErrNotFound) {
			t.Errorf("GetAlert(unknown) = %v, want ErrNotFound", err)
		}
	})
}

func TestInsertAlertDefaults(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		s := newStore(t, e)
		before := time.Now().Add(-time.Second)
		got := mustAlert(t, s, Alert{Detector: "http", Label: "suspicious"})
		read, err := s.GetAlert(t.Context(), got.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.CreatedAt.Before(before) || got.Status != StatusNew || got.Evidence != nil || len(got.Techniques) != 0 {
			t.Errorf("InsertAlert with defaults = %+v; want created now, status new, no evidence or techniques", got)
		}
		if !reflect.DeepEqual(read, got) {
			t.Errorf("GetAlert = %+v, want %+v", read, got)
		}
	})
}

func TestInsertAlertValidation(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		s := newStore(t, e)
		tests := []struct {
			name  string
			edit  func(a *Alert)
			field string
		}{
			{"detector is required", func(a *Alert) { a.Detector = "" }, "detector"},
			{"label is required", func(a *Alert) { a.Label = " " }, "label"},
			{"confidence above 1", func(a *Alert) { a.Confidence = 1.5 }, "confidence"},
			{"confidence below 0", func(a *Alert) { a.Confidence = -0.1 }, "confidence"},
			{"confidence NaN", func(a *Alert) { a.Confidence = math.NaN() }, "confidence"},
			{"evidence not JSON", func(a *Alert) { a.Evidence = json.RawMessage(`{"a":`) }, "evidence"},
			{"technique not an ATT&CK id", func(a *Alert) { a.Techniques = []string{"T1059", "execution"} }, "techniques"},
			{"unknown status", func(a *Alert) { a.Status = "closed" }, "status"},
			{"unknown key", func(a *Alert) { a.KeyID = "key_nope" }, "key_id"},
			{"subject too long", func(a *Alert) { a.Subject = strings.Repeat("x", maxSubjectLen+1) }, "subject"},
			{"subject not UTF-8", func(a *Alert) { a.Subject = "\xff\xfe" }, "subject"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				a := sampleAlert()
				tt.edit(&a)
				if _, err := s.InsertAlert(t.Context(), a); fieldOf(err) != tt.field {
					t.Fatalf("err = %s, want a validation error on %q", describe(err), tt.field)
				}
			})
		}
		if page, err := s.ListAlerts(t.Context(), AlertFilter{}); err != nil || len(page.Alerts) != 0 {
			t.Errorf("after rejected inserts ListAlerts = %d alerts, %v; want none", len(page.Alerts), err)
		}
	})
}

func TestSetAlertStatus(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		s := newStore(t, e)
		a := mustAlert(t, s, sampleAlert())
		steps := []struct {
			id, status string
			want       string // the status afterwards
			notFound   bool
			field      string
		}{
			{a.ID, StatusAcknowledged, StatusAcknowledged, false, ""},
			{a.ID, StatusFalsePositive, StatusFalsePositive, false, ""},
			{a.ID, "closed", StatusFalsePositive, false, "status"},
			{a.ID, "", StatusFalsePositive, false, "status"},
			{a.ID, StatusNew, StatusNew, false, ""},
			{"alr_nope", StatusAcknowledged, StatusNew, true, ""},
		}
		for _, st := range steps {
			got, err := s.SetAlertStatus(t.Context(), st.id, st.status)
			if errors.Is(err, ErrNotFound) != st.notFound || fieldOf(err) != st.field {
				t.Fatalf("SetAlertStatus(%s, %q) = %s; want not found %v, field %q", st.id, st.status, describe(err), st.notFound, st.field)
			}
			if err == nil && (got.Status != st.want || !got.CreatedAt.Equal(a.CreatedAt) || !got.UpdatedAt.After(a.CreatedAt)) {
				t.Errorf("SetAlertStatus(%q) = %+v; want status %q, created kept, updated later", st.status, got, st.want)
			}
			if read, _ := s.GetAlert(t.Context(), a.ID); read.Status != st.want {
				t.Errorf("after SetAlertStatus(%q) status = %q, want %q", st.status, read.Status, st.want)
			}
		}
	})
}

func TestInsertAlertsBatch(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		s := newStore(t, e)
		batch := []Alert{sampleAlert(), {Detector: "http", Label: "attack", Techniques: []string{"T1190"}}, sampleAlert()}
		got, err := s.InsertAlerts(t.Context(), batch)
		if err != nil || len(got) != 3 {
			t.Fatalf("InsertAlerts = %d, %v", len(got), err)
		}
		for i, a := range got {
			read, err := s.GetAlert(t.Context(), a.ID)
			if err != nil || read.Detector != batch[i].Detector || read.Status != StatusNew {
				t.Errorf("alert %d read back as %+v, %v", i, read, err)
			}
		}
		bad := []Alert{sampleAlert(), {Detector: "command", Label: "x", Techniques: []string{"not-a-technique"}}}
		if _, err := s.InsertAlerts(t.Context(), bad); err == nil {
			t.Fatal("a batch with an invalid alert was accepted")
		}
		page, err := s.ListAlerts(t.Context(), AlertFilter{Limit: 100})
		if err != nil || len(page.Alerts) != 3 {
			t.Errorf("after the refused batch: %d alerts, %v; want the 3 of the first batch only", len(page.Alerts), err)
		}
	})
}
