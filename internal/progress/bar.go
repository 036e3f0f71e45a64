package progress

import (
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

const (
	// redrawEvery bounds terminal redraws to ten a second.
	redrawEvery = 100 * time.Millisecond
	// logEvery is the heartbeat of non-terminal output when a tenth of the
	// work takes longer than this (or the total is unknown).
	logEvery = 10 * time.Second
)

// Bar is a progress line for work of a known or unknown size.
type Bar struct {
	w     io.Writer
	total int64
	label string
	tty   bool
	now   func() time.Time
	start time.Time
	every time.Duration

	n     atomic.Int64
	next  atomic.Int64 // unix nanoseconds of the next time-driven draw
	tenth atomic.Int64 // tenths of the total already logged (non-terminal)

	mu      sync.Mutex // serialises drawing; guards the fields below
	lastLen int        // length of the last terminal line, for blanking
	done    bool
}

// Option configures a Bar.
type Option func(*Bar)

// WithClock replaces time.Now, for tests. The clock must be safe to call
// from several goroutines.
func WithClock(now func() time.Time) Option { return func(b *Bar) { b.now = now } }

// WithTerminal overrides the terminal detection of New.
func WithTerminal(tty bool) Option { return func(b *Bar) { b.tty = tty } }

// New returns a bar that reports to w on work of total items (total <= 0
// when unknown). It prints nothing until the first Add or Set. New returns
// nil, a silent bar, when w is nil.
func New(w io.Writer, total int64, label string, opts ...Option) *Bar {
	if w == nil {
		return nil
	}
	b := &Bar{w: w, total: max(total, 0), label: label, tty: IsTerminal(w), now: time.Now}
	for _, opt := range opts {
		opt(b)
	}
	b.start = b.now()
	b.every = logEvery
	if b.tty {
		b.every = redrawEvery
	} else {
		b.next.Store(b.start.Add(logEvery).UnixNano())
	}
	return b
}

// IsTerminal reports whether w is a character device such as a terminal,
// using only os.File.Stat. (/dev/null also counts; writes there are free.)
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || f == nil {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// Add records n more finished items.
func (b *Bar) Add(n int64) {
	if b == nil {
		return
	}
	b.maybeDraw(b.n.Add(n))
}

// Set records that n items are finished in all.
func (b *Bar) Set(n int64) {
	if b == nil {
		return
	}
	b.n.Store(n)
	b.maybeDraw(n)
}

// Count returns the items finished so far (0 for a nil bar).
func (b *Bar) Count() int64 {
	if b == nil {
		return 0
	}
	return b.n.Load()
}

// Finish prints the final state of the bar and ends its line. Later calls,
// and Adds after it, print nothing.
func (b *Bar) Finish() {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.done {
		return
	}
	b.done = true
	line := finalLine(b.label, b.n.Load(), b.total, b.now().Sub(b.start))
	b.write(line, true)
}
