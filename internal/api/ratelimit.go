package api

import (
	"math"
	"sync"
	"time"
)

// limiter is a token bucket per API key: a key with a limit of n requests
// per minute holds up to n tokens, refilled at n/60 per second, and each
// request takes one. A new key starts full, so it may send n at once.
type limiter struct {
	mu      sync.Mutex
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
	limit  int // requests per minute
}

func newLimiter() *limiter { return &limiter{buckets: map[string]*bucket{}} }

// take spends one token of key's bucket. When there is none it reports
// false and how long until there is one. perMinute <= 0 means no limit.
func (l *limiter) take(key string, perMinute int, now time.Time) (bool, time.Duration) {
	if perMinute <= 0 {
		return true, 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.buckets[key]
	if b == nil || b.limit != perMinute {
		b = &bucket{tokens: float64(perMinute), last: now, limit: perMinute}
		l.buckets[key] = b
	}
	rate := float64(perMinute) / 60 // tokens per second
	b.tokens = math.Min(float64(perMinute), b.tokens+now.Sub(b.last).Seconds()*rate)
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	return false, time.Duration((1 - b.tokens) / rate * float64(time.Second))
}

// retryAfter rounds a wait up to whole seconds, at least one.
func retryAfter(d time.Duration) int {
	return max(1, int(math.Ceil(d.Seconds())))
}
