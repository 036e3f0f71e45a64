package alerting

import (
	"context"
	"encoding/json"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vigilsec/vigil/internal/store"
)

// storeTimeout bounds one alert write, so a hung database cannot stop the
// queue from draining at shutdown.
const storeTimeout = 10 * time.Second

// Recorder writes alerts to the store off the scan path and publishes them.
type Recorder struct {
	st   store.Store
	feed *Feed
	log  *slog.Logger

	mu     sync.RWMutex
	q      chan store.Alert
	closed bool
	done   chan struct{}

	stored, dropped, failed atomic.Uint64
	lastDropLog             atomic.Int64
}

// NewRecorder starts a recorder with a queue of size alerts.
func NewRecorder(st store.Store, feed *Feed, size int, log *slog.Logger) *Recorder {
	r := &Recorder{st: st, feed: feed, log: log, q: make(chan store.Alert, max(1, size)), done: make(chan struct{})}
	go r.run()
	return r
}

// Record queues an alert without blocking. It reports false when the
// alert was dropped: the queue was full or the recorder closed.
func (r *Recorder) Record(a store.Alert) bool {
	r.mu.RLock()
	defer r.mu.RUnlock()
	if !r.closed {
		select {
		case r.q <- a:
			return true
		default:
		}
	}
	r.dropped.Add(1)
	r.logDrop()
	return false
}

// logDrop logs dropped alerts at most once a second, so a flood of them
// does not become a flood of log lines; the metric counts every one.
func (r *Recorder) logDrop() {
	now := time.Now().Unix()
	if last := r.lastDropLog.Load(); now > last && r.lastDropLog.CompareAndSwap(last, now) {
		r.log.Warn("alert queue full: alert dropped", "dropped_total", r.dropped.Load(), "queue", cap(r.q))
	}
}

// maxBatch is the most alerts written in one transaction.
const maxBatch = 256

// run writes queued alerts in batches: whatever has queued up while the
// previous batch was written goes in one transaction.
func (r *Recorder) run() {
	defer close(r.done)
	batch := make([]store.Alert, 0, maxBatch)
	for a := range r.q {
		batch = append(batch[:0], a)
	fill:
		for len(batch) < maxBatch {
			select {
			case b, ok := <-r.q:
				if !ok {
					break fill
				}
				batch = append(batch, b)
			default:
				break fill
			}
		}
		r.writeBatch(batch)
	}
}

// writeBatch stores a batch in one transaction; if that fails (one bad
// alert spoils the batch) it falls back to one write per alert, so only
// the bad one is lost.
func (r *Recorder) writeBatch(batch []store.Alert) {
	if len(batch) == 1 {
		r.write(batch[0])
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
	defer cancel()
	got, err := r.st.InsertAlerts(ctx, batch)
	if err != nil {
		for _, a := range batch {
			r.write(a)
		}
		return
	}
	r.stored.Add(uint64(len(got)))
	for _, a := range got {
		Publish(r.feed, EventAlert, a)
	}
}

func (r *Recorder) write(a store.Alert) {
	ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
	defer cancel()
	got, err := r.st.InsertAlert(ctx, a)
	if err != nil {
		r.failed.Add(1)
		r.log.Error("store alert", "err", err, "label", a.Label, "detector", a.Detector)
		return
	}
	r.stored.Add(1)
	Publish(r.feed, EventAlert, got)
}

// Publish sends an alert to the feed as an event of type typ.
func Publish(f *Feed, typ string, a store.Alert) {
	b, err := json.Marshal(a)
	if err != nil {
		return // an Alert always marshals: its evidence is valid JSON from the store
	}
	f.Publish(Event{Type: typ, ID: a.ID, Data: b})
}

// Close stops taking alerts and waits until the queued ones are written
// or ctx ends.
func (r *Recorder) Close(ctx context.Context) error {
	r.mu.Lock()
	if !r.closed {
		r.closed = true
		close(r.q)
	}
	r.mu.Unlock()
	select {
	case <-r.done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Queued returns the alerts waiting to be written.
func (r *Recorder) Queued() int { return len(r.q) }

// Stored, Dropped and Failed count alerts written, dropped because the
// queue was full, and lost to a store error.
func (r *Recorder) Stored() uint64  { return r.stored.Load() }
func (r *Recorder) Dropped() uint64 { return r.dropped.Load() }
func (r *Recorder) Failed() uint64  { return r.failed.Load() }
