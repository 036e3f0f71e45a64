package store

import (
	"reflect"
	"testing"
	"time"
)

func TestAlertStats(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		s := newStore(t, e)
		since := time.Now().UTC().Truncate(time.Hour).Add(-3 * time.Hour)
		for _, a := range []struct {
			after time.Duration
			label string
			techs []string
		}{
			{-time.Minute, "malicious", []string{"T1003"}}, // before since: not counted
			{0, "malicious", []string{"T1059.001", "T1027"}},
			{59 * time.Minute, "suspicious", []string{"T1059.001"}},
			{time.Hour, "malicious", []string{"T1105"}},
			{2*time.Hour + 30*time.Minute, "malicious", []string{"T1059.001", "T1105"}},
			{2*time.Hour + 31*time.Minute, "malicious", nil},
		} {
			mustAlert(t, s, Alert{Detector: "command", Label: a.label, Techniques: a.techs, CreatedAt: since.Add(a.after)})
		}
		st, err := s.AlertStats(t.Context(), since, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		checkStats(t, st, since)
	})
}

func checkStats(t *testing.T, st Stats, since time.Time) {
	t.Helper()
	want := []StatsBucket{
		{Start: since, Total: 2, Labels: map[string]int64{"malicious": 1, "suspicious": 1}},
		{Start: since.Add(time.Hour), Total: 1, Labels: map[string]int64{"malicious": 1}},
		{Start: since.Add(2 * time.Hour), Total: 2, Labels: map[string]int64{"malicious": 2}},
	}
	if len(st.Buckets) < 3 || len(st.Buckets) > 4 || !reflect.DeepEqual(st.Buckets[:3], want) {
		t.Errorf("buckets = %+v\nwant %+v (and at most one more, for the current hour)", st.Buckets, want)
	}
	if len(st.Buckets) == 4 && st.Buckets[3].Total != 0 {
		t.Errorf("current-hour bucket = %+v, want empty", st.Buckets[3])
	}
	wantTech := []TechniqueCount{{"T1059.001", 3}, {"T1105", 2}, {"T1027", 1}}
	if st.Total != 5 || !reflect.DeepEqual(st.Techniques, wantTech) || !st.Since.Equal(since) {
		t.Errorf("total %d, techniques %+v; want 5, %+v", st.Total, st.Techniques, wantTech)
	}
}

func TestNewStats(t *testing.T) {
	now := time.Date(2026, 1, 2, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		since   time.Time
		bucket  time.Duration
		buckets int
		field   string
	}{
		{"exact hours", now.Add(-3 * time.Hour), time.Hour, 3, ""},
		{"partial last bucket", now.Add(-150 * time.Minute), time.Hour, 3, ""},
		{"since in the future", now.Add(time.Hour), time.Hour, 1, ""},
		{"a week of minutes", now.Add(-7 * 24 * time.Hour), time.Minute, maxBuckets, ""},
		{"too many buckets", now.Add(-7*24*time.Hour - time.Minute), time.Minute, 0, "bucket"},
		{"bucket below a second", now.Add(-time.Hour), time.Millisecond, 0, "bucket"},
		{"zero since", time.Time{}, time.Hour, 0, "since"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, err := newStats(tt.since, tt.bucket, now)
			if fieldOf(err) != tt.field || len(st.Buckets) != tt.buckets {
				t.Fatalf("newStats = %d buckets, %s; want %d, field %q", len(st.Buckets), describe(err), tt.buckets, tt.field)
			}
		})
	}
}
