package api

import (
	"bufio"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/vigilsec/vigil/internal/alerting"
)

// streamRetryMS is the reconnection delay the stream suggests to clients.
const streamRetryMS = 3000

func (s *Server) handleStream(w http.ResponseWriter, r *http.Request) error {
	if err := bindQuery(r.URL.Query(), &struct{}{}); err != nil {
		return err
	}
	sub, err := s.feed.Subscribe()
	if err != nil {
		p := newProblem(http.StatusServiceUnavailable, CodeUnavailable, "the alert stream is not available: "+err.Error())
		p.retryAfter = 5
		return p
	}
	defer sub.Close()
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "retry: %d\n: connected\n\n", streamRetryMS)
	if s.sendEvents(bw, rc) != nil {
		return nil
	}
	s.pump(r, sub, bw, rc)
	return nil
}

// pump forwards events and heartbeats until the client leaves, the feed
// drops it, or the server shuts down. Errors after the 200 cannot become
// problems: the stream just ends.
func (s *Server) pump(r *http.Request, sub *alerting.Subscription, bw *bufio.Writer, rc *http.ResponseController) {
	tick := time.NewTicker(s.cfg.SSEHeartbeat)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case ev, ok := <-sub.C:
			if !ok {
				writeEnd(bw, sub.Err())
				_ = s.sendEvents(bw, rc)
				return
			}
			fmt.Fprintf(bw, "id: %s\nevent: %s\ndata: %s\n\n", ev.ID, ev.Type, ev.Data)
		case <-tick.C:
			bw.WriteString(": heartbeat\n\n")
		}
		if s.sendEvents(bw, rc) != nil {
			return
		}
	}
}

// writeEnd tells the client why the stream ends.
func writeEnd(bw *bufio.Writer, err error) {
	reason := "closed"
	if errors.Is(err, alerting.ErrSlow) {
		reason = "too_slow"
	} else if errors.Is(err, alerting.ErrClosed) {
		reason = "shutdown"
	}
	fmt.Fprintf(bw, "event: end\ndata: {\"reason\":%q}\n\n", reason)
}

// sendEvents flushes within a write deadline of two heartbeats, so a client
// that stopped reading is let go instead of holding the handler forever.
func (s *Server) sendEvents(bw *bufio.Writer, rc *http.ResponseController) error {
	_ = rc.SetWriteDeadline(time.Now().Add(2 * s.cfg.SSEHeartbeat))
	if err := bw.Flush(); err != nil {
		return err
	}
	return rc.Flush()
}
