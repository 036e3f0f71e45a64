package usage

import (
	"context"
	"testing"
	"time"

	"github.com/vigilsec/vigil/internal/store"
)

func TestCounterFlushesPerKeyPerDay(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, "", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	k, _, err := st.CreateKey(ctx, store.NewKey{Name: "k"})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 1, 23, 59, 0, 0, time.UTC)
	c := New(func() time.Time { return now })
	c.Add(k.ID, 2)
	c.Add(k.ID, 3)
	c.Add("", 7)                   // no key: not counted
	c.Add(k.ID, -1)                // never subtracts
	c.Add("key_gone", 1)           // a key the store does not have: dropped at flush
	now = now.Add(2 * time.Minute) // the next UTC day
	c.Add(k.ID, 1)
	if p := c.Pending(k.ID); len(p) != 2 || p[time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)] != 5 {
		t.Fatalf("pending %v", p)
	}
	if err := c.Flush(ctx, st); err != nil {
		t.Fatal(err)
	}
	days, err := st.Usage(ctx, k.ID, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), now)
	if err != nil || len(days) != 2 || days[0].Requests != 5 || days[1].Requests != 1 {
		t.Fatalf("stored usage %+v, %v", days, err)
	}
	if len(c.Pending(k.ID)) != 0 {
		t.Error("counts still pending after a flush")
	}
}
