package progress

import (
	"io"
	"strings"
	"time"
)

// maybeDraw draws the line for count v when it is due. The checks before
// the lock keep the common case, a busy Add between draws, lock-free; a
// goroutine that finds another one drawing skips its own draw.
func (b *Bar) maybeDraw(v int64) {
	now := b.now()
	if !b.due(v, now) || !b.mu.TryLock() {
		return
	}
	defer b.mu.Unlock()
	if b.done || !b.due(v, now) {
		return
	}
	b.next.Store(now.Add(b.every).UnixNano())
	b.tenth.Store(tenths(v, b.total))
	b.write(statusLine(b.label, v, b.total, now.Sub(b.start), b.tty), false)
}

// due reports whether a draw is due: on a timer, or for a log when another
// tenth of the total is done.
func (b *Bar) due(v int64, now time.Time) bool {
	if now.UnixNano() >= b.next.Load() {
		return true
	}
	return !b.tty && tenths(v, b.total) > b.tenth.Load()
}

// tenths is how many whole tenths of total v reaches, at most 9: the last
// tenth is reported by Finish. 0 for an unknown total.
func tenths(v, total int64) int64 {
	if total <= 0 || v <= 0 {
		return 0
	}
	return min(int64(float64(v)*10/float64(total)), 9)
}

// write prints line: in place on a terminal, blanking what is left of a
// longer previous line, or as a line of its own elsewhere. b.mu is held.
func (b *Bar) write(line string, final bool) {
	if !b.tty {
		_, _ = io.WriteString(b.w, line+"\n")
		return
	}
	pad := max(b.lastLen-len(line), 0)
	b.lastLen = len(line)
	end := ""
	if final {
		end = "\n"
	}
	_, _ = io.WriteString(b.w, "\r"+line+strings.Repeat(" ", pad)+end)
}
