package store

import (
	"fmt"
	"sync"
	"testing"
	"time"
)

// Eight goroutines writing at once (alerts, status changes, usage) all
// succeed: on SQLite the busy timeout and BEGIN IMMEDIATE queue them instead
// of failing with "database is locked".
func TestConcurrentWriters(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		s := newStore(t, e)
		k, _ := mustKey(t, s, "k")
		const writers, each = 8, 25
		var wg sync.WaitGroup
		errs := make(chan error, writers*each)
		for w := range writers {
			wg.Go(func() {
				for i := range each {
					errs <- writeSome(t, s, k.ID, fmt.Sprintf("w%d-%d", w, i))
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatalf("concurrent write: %v", err)
			}
		}
		checkConcurrentResult(t, s, k.ID, writers*each)
	})
}

func writeSome(t *testing.T, s Store, keyID, subject string) error {
	a, err := s.InsertAlert(t.Context(), Alert{Detector: "command", Label: "malicious", Subject: subject,
		Techniques: []string{"T1059.004"}, KeyID: keyID})
	if err != nil {
		return err
	}
	if _, err := s.SetAlertStatus(t.Context(), a.ID, StatusAcknowledged); err != nil {
		return err
	}
	return s.AddUsage(t.Context(), keyID, time.Now(), 1)
}

func checkConcurrentResult(t *testing.T, s Store, keyID string, n int) {
	t.Helper()
	page, err := s.ListAlerts(t.Context(), AlertFilter{Status: StatusAcknowledged, Technique: "T1059", Limit: MaxLimit})
	if err != nil || len(page.Alerts) != n {
		t.Fatalf("listed %d acknowledged alerts, %v; want %d", len(page.Alerts), err, n)
	}
	days, err := s.Usage(t.Context(), keyID, time.Now().Add(-24*time.Hour), time.Now().Add(24*time.Hour))
	var total int64
	for _, d := range days {
		total += d.Requests
	}
	if err != nil || total != int64(n) {
		t.Fatalf("usage total %d, %v; want %d", total, err, n)
	}
}
