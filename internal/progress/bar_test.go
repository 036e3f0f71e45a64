package progress

import (
	"bytes"
	"io"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeClock is a clock that tests move by hand; safe for concurrent use.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{t: time.Unix(1_700_000_000, 0)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func lines(s string) []string { return strings.Split(strings.TrimSuffix(s, "\n"), "\n") }

func TestLogOutputPrintsEachTenthOnce(t *testing.T) {
	var buf bytes.Buffer
	clock := newFakeClock()
	b := New(&buf, 1000, "eval", WithClock(clock.Now))
	for range 1000 {
		clock.Advance(time.Millisecond)
		b.Add(1)
	}
	b.Finish()
	got := lines(buf.String())
	if len(got) != 10 {
		t.Fatalf("got %d lines, want 9 tenths and a final line:\n%s", len(got), buf.String())
	}
	if got[0] != "eval:  10% 100/1000 1.00k/s ETA 0.9s" {
		t.Errorf("first line = %q", got[0])
	}
	if got[9] != "eval: 100% 1000/1000 in 1.0s (1.00k/s)" {
		t.Errorf("final line = %q", got[9])
	}
	if strings.Contains(buf.String(), "\r") {
		t.Error("log output contains a carriage return")
	}
}

func TestLogOutputHeartbeat(t *testing.T) {
	tests := []struct {
		name  string
		total int64
		want  int // lines before Finish
	}{
		{"unknown total logs every ten seconds", 0, 3},
		{"slow known total logs between tenths", 1_000_000, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			clock := newFakeClock()
			b := New(&buf, tt.total, "train", WithClock(clock.Now))
			for range 35 {
				clock.Advance(time.Second)
				b.Add(1)
			}
			if got := strings.Count(buf.String(), "\n"); got != tt.want {
				t.Fatalf("%d lines after 35s, want %d:\n%s", got, tt.want, buf.String())
			}
		})
	}
}

func TestUnknownTotalShowsCountAndRate(t *testing.T) {
	var buf bytes.Buffer
	clock := newFakeClock()
	b := New(&buf, 0, "scan", WithClock(clock.Now))
	clock.Advance(10 * time.Second)
	b.Add(250)
	b.Finish()
	want := "scan: 250 25.0/s elapsed 10.0s\nscan: 250 in 10.0s (25.0/s)\n"
	if buf.String() != want {
		t.Fatalf("output = %q, want %q", buf.String(), want)
	}
}

func TestTerminalRedrawsInPlaceThrottled(t *testing.T) {
	var buf bytes.Buffer
	clock := newFakeClock()
	b := New(&buf, 1000, "train", WithClock(clock.Now), WithTerminal(true))
	for range 1000 {
		clock.Advance(time.Millisecond) // one second in all
		b.Add(1)
	}
	b.Finish()
	out := buf.String()
	if draws := strings.Count(out, "\r"); draws != 11 {
		t.Errorf("%d redraws in one second, want 10 and the final one", draws)
	}
	if strings.Count(out, "\n") != 1 || !strings.HasSuffix(out, "\n") {
		t.Errorf("terminal output should end with its only newline: %q", out)
	}
	if !strings.HasPrefix(out, "\rtrain: [>                   ]   0% 1/1000") {
		t.Errorf("first draw = %q", out[:min(len(out), 60)])
	}
}

func TestTerminalBlanksLeftoverCharacters(t *testing.T) {
	var buf bytes.Buffer
	clock := newFakeClock()
	b := New(&buf, 0, "x", WithClock(clock.Now), WithTerminal(true))
	clock.Advance(time.Second)
	b.Add(123456)
	b.Finish() // "x: 123456 in 1.0s (123k/s)" is shorter than the status line
	draws := strings.Split(buf.String(), "\r")
	if len(draws) != 3 || len(draws[2]) != len(draws[1])+1 {
		t.Fatalf("final draw should cover the previous one: %q", buf.String())
	}
}

func TestFinishIsFinal(t *testing.T) {
	var buf bytes.Buffer
	clock := newFakeClock()
	b := New(&buf, 10, "x", WithClock(clock.Now))
	b.Finish()
	b.Finish()
	clock.Advance(time.Minute)
	b.Add(7)
	b.Set(10)
	if got := buf.String(); got != "x:   0% 0/10 in 0.0s (0.00/s)\n" {
		t.Fatalf("output = %q, want only the first final line", got)
	}
}

func TestSetOverridesCount(t *testing.T) {
	clock := newFakeClock()
	var buf bytes.Buffer
	b := New(&buf, 100, "x", WithClock(clock.Now))
	b.Add(10)
	b.Set(55)
	if b.Count() != 55 {
		t.Fatalf("Count = %d, want 55", b.Count())
	}
	if got := lines(buf.String()); got[len(got)-1] != "x:  55% 55/100 0.00/s ETA ?" {
		t.Fatalf("last line = %q", got[len(got)-1])
	}
}

func TestNilBarIsSilent(t *testing.T) {
	b := New(nil, 10, "x")
	if b != nil {
		t.Fatal("New(nil, ...) should return a nil bar")
	}
	b.Add(1)
	b.Set(5)
	b.Finish()
	if b.Count() != 0 {
		t.Fatal("nil bar counted")
	}
}

func TestConcurrentAdd(t *testing.T) {
	for _, tty := range []bool{false, true} {
		t.Run(map[bool]string{false: "log", true: "terminal"}[tty], func(t *testing.T) {
			var buf bytes.Buffer
			b := New(&buf, 8000, "x", WithTerminal(tty))
			var wg sync.WaitGroup
			for range 8 {
				wg.Go(func() {
					for range 1000 {
						b.Add(1)
					}
				})
			}
			wg.Wait()
			b.Finish()
			if b.Count() != 8000 {
				t.Fatalf("Count = %d, want 8000", b.Count())
			}
			if n := strings.Count(buf.String(), "\n"); tty && n != 1 || !tty && n > 10 {
				t.Fatalf("%d lines for one fast job", n)
			}
		})
	}
}

func TestIsTerminal(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	tests := []struct {
		name string
		w    io.Writer
		want bool
	}{
		{"buffer", &bytes.Buffer{}, false},
		{"pipe", w, false},
		{"regular file", tempFile(t), false},
		{"nil file", (*os.File)(nil), false},
		{"character device", devNull(t), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsTerminal(tt.w); got != tt.want {
				t.Errorf("IsTerminal = %v, want %v", got, tt.want)
			}
		})
	}
}

func tempFile(t *testing.T) *os.File {
	f, err := os.CreateTemp(t.TempDir(), "log")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func devNull(t *testing.T) *os.File {
	f, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func BenchmarkAddParallel(b *testing.B) {
	bar := New(io.Discard, int64(b.N), "bench")
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			bar.Add(1)
		}
	})
	bar.Finish()
}
