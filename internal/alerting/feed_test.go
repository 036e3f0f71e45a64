package alerting

import (
	"errors"
	"testing"
)

func TestFeedDropsSlowSubscribersOnly(t *testing.T) {
	f := NewFeed(2, 10)
	slow, _ := f.Subscribe()
	fast, _ := f.Subscribe()
	var got []string
	for _, id := range []string{"a", "b", "c"} {
		f.Publish(Event{Type: EventAlert, ID: id})
		got = append(got, (<-fast.C).ID) // fast reads each event; slow reads none
	}
	if len(got) != 3 || got[2] != "c" {
		t.Errorf("fast subscriber got %v", got)
	}
	var slowGot []string
	for ev := range slow.C { // closed after its buffer of 2 overflowed
		slowGot = append(slowGot, ev.ID)
	}
	if len(slowGot) != 2 || !errors.Is(slow.Err(), ErrSlow) || f.Dropped() != 1 || f.Subscribers() != 1 {
		t.Errorf("slow subscriber: got %v, err %v, dropped %d, subscribers %d", slowGot, slow.Err(), f.Dropped(), f.Subscribers())
	}
}

func TestFeedLimitAndClose(t *testing.T) {
	f := NewFeed(1, 1)
	s, err := f.Subscribe()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Subscribe(); !errors.Is(err, ErrTooMany) {
		t.Errorf("second subscriber over the limit: %v", err)
	}
	f.Close()
	if _, open := <-s.C; open || !errors.Is(s.Err(), ErrClosed) {
		t.Errorf("subscription after Close: open %v, err %v", open, s.Err())
	}
	if _, err := f.Subscribe(); !errors.Is(err, ErrClosed) {
		t.Errorf("subscribe after Close: %v", err)
	}
	s.Close() // after the feed ended it: no panic
}
