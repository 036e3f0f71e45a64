package alerting

import (
	"errors"
	"sync"
)

// Event types of the feed.
const (
	EventAlert  = "alert"  // a new alert was stored
	EventStatus = "status" // an alert's status changed
)

// Event is one message of the feed: its type, the alert id, and the alert
// as JSON.
type Event struct {
	Type string
	ID   string
	Data []byte
}

var (
	// ErrSlow ends a subscription whose buffer filled up.
	ErrSlow = errors.New("subscriber too slow: events dropped")
	// ErrClosed ends every subscription when the feed closes.
	ErrClosed = errors.New("feed closed")
	// ErrTooMany refuses a subscriber beyond the feed's limit.
	ErrTooMany = errors.New("too many subscribers")
)

// Feed fans events out to subscribers. It is safe for concurrent use.
type Feed struct {
	mu      sync.Mutex
	subs    map[*Subscription]struct{}
	buffer  int
	limit   int
	closed  bool
	dropped uint64
}

// Subscription receives events on C until C is closed; Err then says why.
type Subscription struct {
	C    <-chan Event
	c    chan Event
	feed *Feed
	err  error
}

// NewFeed returns a feed giving each subscriber a buffer of that many
// events and accepting at most limit subscribers.
func NewFeed(buffer, limit int) *Feed {
	return &Feed{subs: map[*Subscription]struct{}{}, buffer: max(1, buffer), limit: max(1, limit)}
}

// Subscribe adds a subscriber.
func (f *Feed) Subscribe() (*Subscription, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case f.closed:
		return nil, ErrClosed
	case len(f.subs) >= f.limit:
		return nil, ErrTooMany
	}
	c := make(chan Event, f.buffer)
	s := &Subscription{C: c, c: c, feed: f}
	f.subs[s] = struct{}{}
	return s, nil
}

// Publish sends ev to every subscriber without blocking, dropping those
// whose buffer is full.
func (f *Feed) Publish(ev Event) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for s := range f.subs {
		select {
		case s.c <- ev:
		default:
			f.dropped++
			f.end(s, ErrSlow)
		}
	}
}

// end removes s and closes its channel; f.mu is held.
func (f *Feed) end(s *Subscription, err error) {
	if _, ok := f.subs[s]; !ok {
		return
	}
	delete(f.subs, s)
	s.err = err
	close(s.c)
}

// Close ends every subscription and refuses new ones.
func (f *Feed) Close() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.closed = true
	for s := range f.subs {
		f.end(s, ErrClosed)
	}
}

// Subscribers returns the current number of subscribers.
func (f *Feed) Subscribers() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.subs)
}

// Dropped returns how many subscribers were dropped as too slow.
func (f *Feed) Dropped() uint64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.dropped
}

// Close unsubscribes; it is safe to call after the feed ended it.
func (s *Subscription) Close() {
	s.feed.mu.Lock()
	defer s.feed.mu.Unlock()
	s.feed.end(s, nil)
}

// Err says why C was closed: ErrSlow, ErrClosed, or nil after Close.
func (s *Subscription) Err() error {
	s.feed.mu.Lock()
	defer s.feed.mu.Unlock()
	return s.err
}
