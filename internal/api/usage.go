package api

import (
	"slices"
	"time"

	"github.com/vigilsec/vigil/internal/store"
)

// mergePending adds the counts not yet flushed to the stored days (those
// from the first day of the range on), keeping the days in order.
func mergePending(days []store.UsageDay, pending map[time.Time]int64, from time.Time) []store.UsageDay {
	if days == nil {
		days = []store.UsageDay{}
	}
	first := time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, time.UTC)
	for day, n := range pending {
		if day.Before(first) {
			continue
		}
		i := slices.IndexFunc(days, func(d store.UsageDay) bool { return d.Day.Equal(day) })
		if i >= 0 {
			days[i].Requests += n
			continue
		}
		days = append(days, store.UsageDay{Day: day, Requests: n})
	}
	slices.SortFunc(days, func(a, b store.UsageDay) int { return a.Day.Compare(b.Day) })
	return days
}
