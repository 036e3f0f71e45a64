package progress

import (
	"testing"
	"time"
)

func TestStatusLine(t *testing.T) {
	tests := []struct {
		name     string
		v, total int64
		elapsed  time.Duration
		tty      bool
		want     string
	}{
		{"log line with rate and ETA", 250, 1000, 10 * time.Second, false, "eval:  25% 250/1000 25.0/s ETA 30.0s"},
		{"terminal line draws a bar", 500, 1000, 5 * time.Second, true, "eval: [==========>         ]  50% 500/1000 100/s ETA 5.0s"},
		{"full bar has no head", 1000, 1000, time.Second, true, "eval: [====================] 100% 1000/1000 1.00k/s ETA 0s"},
		{"no rate yet", 0, 1000, 0, false, "eval:   0% 0/1000 0.00/s ETA ?"},
		{"long ETA in minutes", 10, 1000, 10 * time.Second, false, "eval:   1% 10/1000 1.00/s ETA 16m30s"},
		{"unknown total", 42, 0, 2 * time.Second, true, "eval: 42 21.0/s elapsed 2.0s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := statusLine("eval", tt.v, tt.total, tt.elapsed, tt.tty); got != tt.want {
				t.Errorf("statusLine = %q\n                want %q", got, tt.want)
			}
		})
	}
}

func TestFormatRate(t *testing.T) {
	tests := []struct {
		rate float64
		want string
	}{
		{0, "0.00/s"},
		{0.25, "0.25/s"},
		{90, "90.0/s"},
		{512.4, "512/s"},
		{12_345, "12.3k/s"},
		{4_500_000, "4.50M/s"},
	}
	for _, tt := range tests {
		if got := formatRate(tt.rate); got != tt.want {
			t.Errorf("formatRate(%v) = %q, want %q", tt.rate, got, tt.want)
		}
	}
}

func TestFormatDuration(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{0, "0.0s"},
		{340 * time.Millisecond, "0.3s"},
		{8100 * time.Millisecond, "8.1s"},
		{65 * time.Second, "1m5s"},
		{time.Hour + 2*time.Minute + 3400*time.Millisecond, "1h2m3s"},
	}
	for _, tt := range tests {
		if got := formatDuration(tt.d); got != tt.want {
			t.Errorf("formatDuration(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestTenths(t *testing.T) {
	tests := []struct {
		v, total, want int64
	}{
		{0, 100, 0}, {9, 100, 0}, {10, 100, 1}, {99, 100, 9}, {100, 100, 9}, {150, 100, 9},
		{5, 0, 0}, {1, 3, 3},
	}
	for _, tt := range tests {
		if got := tenths(tt.v, tt.total); got != tt.want {
			t.Errorf("tenths(%d, %d) = %d, want %d", tt.v, tt.total, got, tt.want)
		}
	}
}
