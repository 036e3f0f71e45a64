package allowlist

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/vigilsec/vigil/internal/store"
)

// Reload replaces the rules with the store's, keeping the unflushed hits
// of rules that remain. A rule that does not compile is logged and left
// out rather than failing the others.
func (l *List) Reload(ctx context.Context, st store.Store, log *slog.Logger) error {
	rs, err := st.ListAllowRules(ctx)
	if err != nil {
		return fmt.Errorf("load allow rules: %w", err)
	}
	next := make([]*compiled, 0, len(rs))
	for _, r := range rs {
		c, err := compile(r)
		if err != nil {
			log.Warn("allow rule skipped", "id", r.ID, "err", err)
			continue
		}
		next = append(next, c)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, c := range next {
		for _, old := range l.rules {
			if old.rule.ID == c.rule.ID {
				c.hits.Store(old.hits.Load())
			}
		}
	}
	l.rules = next
	return nil
}

// FlushHits writes the hits counted since the last flush to the store.
// Hits that fail to be written are kept for the next flush, except those
// of rules the store no longer has.
func (l *List) FlushHits(ctx context.Context, st store.Store) error {
	l.mu.RLock()
	defer l.mu.RUnlock()
	var errs []error
	for _, c := range l.rules {
		n := c.hits.Swap(0)
		if n == 0 {
			continue
		}
		err := st.AddAllowHits(ctx, c.rule.ID, n)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			c.hits.Add(n)
			errs = append(errs, fmt.Errorf("allow rule %s: %w", c.rule.ID, err))
		}
	}
	return errors.Join(errs...)
}
