// Package usage counts API requests per key per day in memory and writes
// the counts to the store in batches, so that counting costs a scan a map
// update under a lock rather than a database write. Counts not yet flushed
// are reported by Pending, so a caller asking for its usage sees them too.
package usage

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/vigilsec/vigil/internal/store"
)

// Counter accumulates counts. It is safe for concurrent use.
type Counter struct {
	mu      sync.Mutex
	pending map[entry]int64
	now     func() time.Time
}

type entry struct {
	key string
	day time.Time // midnight UTC
}

// New returns an empty counter; now is time.Now outside tests.
func New(now func() time.Time) *Counter {
	return &Counter{pending: map[entry]int64{}, now: now}
}

// Add counts n requests for a key today.
func (c *Counter) Add(keyID string, n int64) {
	if n <= 0 || keyID == "" {
		return
	}
	e := entry{keyID, day(c.now())}
	c.mu.Lock()
	c.pending[e] += n
	c.mu.Unlock()
}

// Pending returns a key's unflushed counts by day.
func (c *Counter) Pending(keyID string) map[time.Time]int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := map[time.Time]int64{}
	for e, n := range c.pending {
		if e.key == keyID {
			out[e.day] += n
		}
	}
	return out
}

// Flush writes every pending count to the store. Counts that fail are
// kept for the next flush; counts of keys the store no longer has are
// dropped.
func (c *Counter) Flush(ctx context.Context, st store.Store) error {
	c.mu.Lock()
	batch := c.pending
	c.pending = map[entry]int64{}
	c.mu.Unlock()
	var errs []error
	for e, n := range batch {
		err := st.AddUsage(ctx, e.key, e.day, n)
		var ve *store.ValidationError
		if err == nil || errors.Is(err, store.ErrNotFound) || errors.As(err, &ve) {
			continue
		}
		c.mu.Lock()
		c.pending[e] += n
		c.mu.Unlock()
		errs = append(errs, fmt.Errorf("usage of %s: %w", e.key, err))
	}
	return errors.Join(errs...)
}

func day(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
