package alerting

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"github.com/vigilsec/vigil/internal/store"
)

func openStore(t *testing.T) store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), "", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func TestRecorderStoresPublishesAndDrains(t *testing.T) {
	st := openStore(t)
	feed := NewFeed(100, 1)
	sub, _ := feed.Subscribe()
	r := NewRecorder(st, feed, 100, slog.New(slog.NewTextHandler(io.Discard, nil)))
	for range 20 {
		if !r.Record(store.Alert{Detector: "command", Label: "Malicious", Subject: "x", Techniques: []string{"T1059.004"}}) {
			t.Fatal("alert dropped with room in the queue")
		}
	}
	if err := r.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	page, err := st.ListAlerts(context.Background(), store.AlertFilter{Limit: 100})
	if err != nil || len(page.Alerts) != 20 || r.Stored() != 20 {
		t.Fatalf("stored %d (%d counted), %v; want all 20 written by Close", len(page.Alerts), r.Stored(), err)
	}
	if ev := <-sub.C; ev.Type != EventAlert || ev.ID == "" {
		t.Errorf("published event %+v", ev)
	}
	if r.Record(store.Alert{Detector: "command", Label: "Malicious"}) || r.Dropped() != 1 {
		t.Errorf("Record after Close: dropped %d, want it refused and counted", r.Dropped())
	}
}

func TestRecorderCountsStoreFailures(t *testing.T) {
	st := openStore(t)
	r := NewRecorder(st, NewFeed(1, 1), 4, slog.New(slog.NewTextHandler(io.Discard, nil)))
	r.Record(store.Alert{Detector: "command", Label: "Malicious", Techniques: []string{"not-a-technique"}})
	r.Close(context.Background())
	if r.Failed() != 1 || r.Stored() != 0 {
		t.Errorf("failed %d stored %d, want the invalid alert counted as failed", r.Failed(), r.Stored())
	}
}

func TestRecorderBatchKeepsGoodAlertsBesideABadOne(t *testing.T) {
	st := openStore(t)
	r := NewRecorder(st, NewFeed(1000, 1), 1000, slog.New(slog.NewTextHandler(io.Discard, nil)))
	for i := range 300 {
		a := store.Alert{Detector: "command", Label: "Malicious", Subject: "x", Techniques: []string{"T1059"}}
		if i == 150 {
			a.Techniques = []string{"not-a-technique"}
		}
		r.Record(a)
	}
	if err := r.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if r.Stored() != 299 || r.Failed() != 1 {
		t.Errorf("stored %d failed %d, want 299 and 1", r.Stored(), r.Failed())
	}
}
