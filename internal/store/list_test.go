package store

import (
	"slices"
	"testing"
	"time"
)

var listBase = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

// seedAlerts inserts named alerts, one minute apart, and returns name → id.
func seedAlerts(t *testing.T, s *sqlStore, keyID string) map[string]string {
	t.Helper()
	seeds := []struct {
		name, detector, label string
		techs                 []string
		key                   bool
	}{
		{"a", "command", "malicious", []string{"T1059.001", "T1027"}, true},
		{"b", "command", "suspicious", []string{"T1059.004"}, false},
		{"c", "http", "malicious", []string{"T1190"}, true},
		{"d", "http", "suspicious", nil, false},
		{"e", "command", "malicious", []string{"T1059"}, false},
	}
	ids := map[string]string{}
	for i, sd := range seeds {
		a := Alert{Detector: sd.detector, Label: sd.label, Techniques: sd.techs, CreatedAt: listBase.Add(time.Duration(i) * time.Minute)}
		if sd.key {
			a.KeyID = keyID
		}
		ids[sd.name] = mustAlert(t, s, a).ID
	}
	if _, err := s.SetAlertStatus(t.Context(), ids["b"], StatusAcknowledged); err != nil {
		t.Fatal(err)
	}
	return ids
}

func TestListAlertsFilters(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		s := newStore(t, e)
		k, _ := mustKey(t, s, "k")
		ids := seedAlerts(t, s, k.ID)
		tests := []struct {
			name string
			f    AlertFilter
			want string // names, newest first
		}{
			{"no filter, newest first", AlertFilter{}, "edcba"},
			{"label", AlertFilter{Label: "malicious"}, "eca"},
			{"status", AlertFilter{Status: StatusAcknowledged}, "b"},
			{"status new", AlertFilter{Status: StatusNew}, "edca"},
			{"detector", AlertFilter{Detector: "http"}, "dc"},
			{"key", AlertFilter{KeyID: k.ID}, "ca"},
			{"sub-technique matches exactly", AlertFilter{Technique: "T1059.001"}, "a"},
			{"parent technique matches its sub-techniques", AlertFilter{Technique: "T1059"}, "eba"},
			{"technique in any position", AlertFilter{Technique: "T1027"}, "a"},
			{"technique in lower case", AlertFilter{Technique: "t1190"}, "c"},
			{"technique nobody has", AlertFilter{Technique: "T1003"}, ""},
			{"since is inclusive", AlertFilter{Since: listBase.Add(3 * time.Minute)}, "ed"},
			{"until is exclusive", AlertFilter{Until: listBase.Add(2 * time.Minute)}, "ba"},
			{"since and until", AlertFilter{Since: listBase.Add(time.Minute), Until: listBase.Add(3 * time.Minute)}, "cb"},
			{"every filter at once", AlertFilter{Label: "malicious", Detector: "command", Status: StatusNew, Technique: "T1059", KeyID: k.ID, Since: listBase, Until: listBase.Add(time.Hour)}, "a"},
			{"limit", AlertFilter{Limit: 2}, "ed"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				page, err := s.ListAlerts(t.Context(), tt.f)
				if err != nil {
					t.Fatal(err)
				}
				if got := namesOf(page.Alerts, ids); got != tt.want {
					t.Errorf("ListAlerts(%+v) = %q, want %q", tt.f, got, tt.want)
				}
			})
		}
	})
}

// namesOf maps alerts back to their seed names.
func namesOf(alerts []Alert, ids map[string]string) string {
	out := ""
	for _, a := range alerts {
		for name, id := range ids {
			if id == a.ID {
				out += name
			}
		}
	}
	return out
}

func TestListAlertsRejects(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		s := newStore(t, e)
		tests := []struct {
			name  string
			f     AlertFilter
			field string
		}{
			{"unknown status", AlertFilter{Status: "open"}, "status"},
			{"bad technique", AlertFilter{Technique: "execution"}, "technique"},
			{"until before since", AlertFilter{Since: listBase, Until: listBase.Add(-time.Second)}, "until"},
			{"negative limit", AlertFilter{Limit: -1}, "limit"},
			{"cursor not base64", AlertFilter{Cursor: "!!"}, "cursor"},
			{"cursor without id", AlertFilter{Cursor: "MTIz"}, "cursor"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				if _, err := s.ListAlerts(t.Context(), tt.f); fieldOf(err) != tt.field {
					t.Fatalf("err = %s, want a validation error on %q", describe(err), tt.field)
				}
			})
		}
	})
}

// Paging walks every alert once, newest first, even when many share a
// timestamp and new alerts arrive between pages.
func TestListAlertsPaging(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		s := newStore(t, e)
		for i := range 11 {
			at := listBase.Add(time.Duration(min(i, 6)) * time.Second) // alerts 6..10 share one time
			mustAlert(t, s, Alert{Detector: "command", Label: "malicious", CreatedAt: at})
		}
		for _, limit := range []int{1, 2, 3, 5, 11, 12} {
			want := allInOrder(t, s)
			if got := walkPages(t, s, limit); !slices.Equal(got, want) {
				t.Errorf("limit %d: pages gave\n%v\nwant\n%v", limit, got, want)
			}
		}
	})
}

// allInOrder lists every alert in one page and checks the order: newest
// first, equal times by descending id.
func allInOrder(t *testing.T, s *sqlStore) []string {
	t.Helper()
	page, err := s.ListAlerts(t.Context(), AlertFilter{Limit: MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(page.Alerts))
	for i, a := range page.Alerts {
		ids[i] = a.ID
		if i > 0 {
			prev := page.Alerts[i-1]
			if a.CreatedAt.After(prev.CreatedAt) || (a.CreatedAt.Equal(prev.CreatedAt) && a.ID > prev.ID) {
				t.Fatalf("alert %d (%s %s) is out of order after %s %s", i, a.CreatedAt, a.ID, prev.CreatedAt, prev.ID)
			}
		}
	}
	return ids
}

// walkPages lists every page of size limit, inserting a newer alert after
// the first page, which must not show up.
func walkPages(t *testing.T, s *sqlStore, limit int) []string {
	t.Helper()
	var ids []string
	f := AlertFilter{Limit: limit}
	for pages := 0; ; pages++ {
		page, err := s.ListAlerts(t.Context(), f)
		if err != nil || len(page.Alerts) > limit || pages > 20 {
			t.Fatalf("page %d: %d alerts, err %v", pages, len(page.Alerts), err)
		}
		for _, a := range page.Alerts {
			ids = append(ids, a.ID)
		}
		if page.NextCursor == "" {
			return ids
		}
		if pages == 0 {
			mustAlert(t, s, Alert{Detector: "command", Label: "late"}) // now: newer than every page

		}
		f.Cursor = page.NextCursor
	}
}

func TestListAlertsLimits(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		s := newStore(t, e)
		for range DefaultLimit + 1 {
			mustAlert(t, s, Alert{Detector: "command", Label: "malicious", Techniques: []string{"T1059"}})
		}
		tests := []struct {
			limit, want int
			more        bool
		}{
			{0, DefaultLimit, true},
			{DefaultLimit + 1, DefaultLimit + 1, false},
			{MaxLimit * 10, DefaultLimit + 1, false},
		}
		for _, tt := range tests {
			page, err := s.ListAlerts(t.Context(), AlertFilter{Limit: tt.limit})
			if err != nil || len(page.Alerts) != tt.want || (page.NextCursor != "") != tt.more {
				t.Errorf("Limit %d: %d alerts, cursor %q, %v; want %d, more %v", tt.limit, len(page.Alerts), page.NextCursor, err, tt.want, tt.more)
			}
			if err == nil && !slices.Equal(page.Alerts[0].Techniques, []string{"T1059"}) {
				t.Errorf("listed techniques = %v, want [T1059]", page.Alerts[0].Techniques)
			}
		}
	})
}

func TestPageLimit(t *testing.T) {
	tests := []struct{ in, want int }{{0, DefaultLimit}, {1, 1}, {MaxLimit, MaxLimit}, {MaxLimit + 1, MaxLimit}}
	for _, tt := range tests {
		if got, err := pageLimit(tt.in); got != tt.want || err != nil {
			t.Errorf("pageLimit(%d) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
}
