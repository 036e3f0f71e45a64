package api

import (
	"testing"
	"time"
)

func TestLimiter(t *testing.T) {
	t0 := time.Unix(1_700_000_000, 0)
	tests := []struct {
		name     string
		limit    int
		at       []time.Duration // offsets of the requests from t0
		want     []bool
		wantWait time.Duration // of the last request when refused
	}{
		{"no limit never refuses", 0, []time.Duration{0, 0, 0}, []bool{true, true, true}, 0},
		{"a full bucket allows a burst of the limit", 3, []time.Duration{0, 0, 0, 0}, []bool{true, true, true, false}, 20 * time.Second},
		{"tokens refill at limit per minute", 60, append(make([]time.Duration, 60), 0, time.Second), append(trues(60), false, true), 0},
		{"refill never exceeds the limit", 2, []time.Duration{0, 0, time.Hour, time.Hour, time.Hour}, []bool{true, true, true, true, false}, 30 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := newLimiter()
			var wait time.Duration
			for i, d := range tt.at {
				ok, w := l.take("k", tt.limit, t0.Add(d))
				if ok != tt.want[i] {
					t.Fatalf("request %d at +%s: allowed %v, want %v", i, d, ok, tt.want[i])
				}
				wait = w
			}
			if tt.wantWait > 0 && (wait < tt.wantWait-time.Millisecond || wait > tt.wantWait+time.Millisecond) {
				t.Errorf("wait %s, want %s", wait, tt.wantWait)
			}
		})
	}
}

func trues(n int) []bool {
	b := make([]bool, n)
	for i := range b {
		b[i] = true
	}
	return b
}

func TestRetryAfterRoundsUp(t *testing.T) {
	for d, want := range map[time.Duration]int{0: 1, time.Millisecond: 1, 1500 * time.Millisecond: 2, 30 * time.Second: 30} {
		if got := retryAfter(d); got != want {
			t.Errorf("retryAfter(%s) = %d, want %d", d, got, want)
		}
	}
}
