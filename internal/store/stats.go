package store

import (
	"context"
	"fmt"
	"time"
)

// maxBuckets bounds a stats request: one bucket per minute over a week.
const maxBuckets = 7 * 24 * 60

// AlertStats buckets alerts created from since to now, bucket i covering
// [since+i*bucket, since+(i+1)*bucket); the last bucket may reach past now.
func (s *sqlStore) AlertStats(ctx context.Context, since time.Time, bucket time.Duration) (Stats, error) {
	st, err := newStats(since, bucket, nowUTC())
	if err == nil {
		err = s.fillStats(ctx, &st)
	}
	if err != nil {
		return Stats{}, fmt.Errorf("alert stats: %w", err)
	}
	return st, nil
}

func newStats(since time.Time, bucket time.Duration, now time.Time) (Stats, error) {
	if since.IsZero() {
		return Stats{}, invalid("since", "is required")
	}
	if bucket < time.Second || bucket%time.Microsecond != 0 {
		return Stats{}, invalid("bucket", "must be at least one second")
	}
	since = since.UTC().Truncate(time.Microsecond)
	n := max(1, int64((now.Sub(since)+bucket-1)/bucket))
	if n > maxBuckets {
		return Stats{}, invalid("bucket", fmt.Sprintf("makes %d buckets since %s; at most %d", n, since.Format(time.RFC3339), maxBuckets))
	}
	st := Stats{Since: since, Bucket: bucket, Buckets: make([]StatsBucket, n), Techniques: []TechniqueCount{}}
	for i := range st.Buckets {
		st.Buckets[i] = StatsBucket{Start: since.Add(time.Duration(i) * bucket), Labels: map[string]int64{}}
	}
	return st, nil
}

// end is where the last bucket ends.
func (st *Stats) end() time.Time { return st.Since.Add(time.Duration(len(st.Buckets)) * st.Bucket) }

func (s *sqlStore) fillStats(ctx context.Context, st *Stats) error {
	if err := s.countLabels(ctx, st); err != nil {
		return fmt.Errorf("count labels: %w", err)
	}
	if err := s.topTechniques(ctx, st); err != nil {
		return fmt.Errorf("top techniques: %w", err)
	}
	return nil
}

func (s *sqlStore) countLabels(ctx context.Context, st *Stats) error {
	from, width := toMicros(st.Since), st.Bucket.Microseconds()
	const q = `SELECT (created_at - ?) / ?, label, COUNT(*) FROM alerts
		WHERE created_at >= ? AND created_at < ? GROUP BY 1, 2`
	rows, err := s.db.QueryContext(ctx, s.d.rebind(q), from, width, from, toMicros(st.end()))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			i, n  int64
			label string
		)
		if err := rows.Scan(&i, &label, &n); err != nil {
			return err
		}
		b := &st.Buckets[i]
		b.Labels[label] += n
		b.Total += n
		st.Total += n
	}
	return rows.Err()
}

func (s *sqlStore) topTechniques(ctx context.Context, st *Stats) error {
	const q = `SELECT t.technique, COUNT(*) FROM alert_techniques t JOIN alerts a ON a.id = t.alert_id
		WHERE a.created_at >= ? AND a.created_at < ? GROUP BY t.technique ORDER BY 2 DESC, 1 LIMIT ?`
	rows, err := s.db.QueryContext(ctx, s.d.rebind(q), toMicros(st.Since), toMicros(st.end()), TopTechniques)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var tc TechniqueCount
		if err := rows.Scan(&tc.Technique, &tc.Count); err != nil {
			return err
		}
		st.Techniques = append(st.Techniques, tc)
	}
	return rows.Err()
}
