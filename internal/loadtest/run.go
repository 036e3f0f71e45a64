package loadtest

import (
	"bytes"
	"context"
	"math/rand/v2"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Progress hears of each finished request; a *progress.Bar is one.
type Progress interface{ Add(n int64) }

type noProgress struct{}

func (noProgress) Add(int64) {}

// Run checks that the server is ready and takes the key, then sends the
// requests and returns the report. Cancelling ctx ends the run early with
// the report of what was done; requests cut short by it are not counted.
func Run(ctx context.Context, o Options, c *Corpus, prog Progress) (*Report, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	if prog == nil {
		prog = noProgress{}
	}
	client := newClient(o)
	defer client.CloseIdleConnections()
	if err := preflight(ctx, client, o, c.Benign[0]); err != nil {
		return nil, err
	}
	r := &run{o: o, corpus: c, client: client, prog: prog, scanURL: o.URL + "/v1/scan"}
	return r.execute(ctx), nil
}

// newClient keeps one idle keep-alive connection per worker, so no request
// pays for a TCP handshake after the first round.
func newClient(o Options) *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConns = 2 * o.Concurrency
	tr.MaxIdleConnsPerHost = 2 * o.Concurrency
	tr.DisableCompression = true
	return &http.Client{Transport: tr, Timeout: o.Timeout}
}

type run struct {
	o       Options
	corpus  *Corpus
	client  *http.Client
	prog    Progress
	scanURL string
	issued  atomic.Int64
	start   time.Time
	stopAt  time.Time
}

func (r *run) execute(ctx context.Context) *Report {
	start := time.Now()
	r.start = start
	if r.o.Duration > 0 {
		r.stopAt = start.Add(r.o.Duration)
	}
	host := hostNow()
	mem := r.sampleMemory(ctx, start)
	workers := make([]*worker, r.o.Concurrency)
	var wg sync.WaitGroup
	for i := range workers {
		workers[i] = newWorker(r.o.Seed, uint64(i))
		wg.Go(func() { workers[i].loop(ctx, r) })
	}
	wg.Wait()
	elapsed := time.Since(start)
	rep := newReport(r.o, start, elapsed, host, workers)
	rep.Memory = summariseMemory(mem())
	return rep
}

// sampleMemory starts sampling /metrics; the returned func stops it and
// returns the samples.
func (r *run) sampleMemory(ctx context.Context, start time.Time) func() []MemorySample {
	if r.o.SampleEvery <= 0 {
		return func() []MemorySample { return nil }
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan []MemorySample, 1)
	c := &http.Client{Timeout: r.o.Timeout}
	go func() { done <- sampleMemory(ctx, c, r.o.URL+"/metrics", r.o.SampleEvery, start) }()
	return func() []MemorySample {
		cancel()
		out := <-done
		// A last sample after the load, for the end state.
		if s, err := scrape(context.Background(), c, r.o.URL+"/metrics"); err == nil {
			s.At = time.Since(start).Seconds()
			out = append(out, s)
		}
		return out
	}
}

// next reports whether a worker may send another request, and when it
// should be sent: now, or with a Rate at its place in the schedule.
func (r *run) next(ctx context.Context) (time.Time, bool) {
	now := time.Now()
	if ctx.Err() != nil || (!r.stopAt.IsZero() && now.After(r.stopAt)) {
		return now, false
	}
	n := r.issued.Add(1)
	if r.o.Requests > 0 && n > r.o.Requests {
		return now, false
	}
	if r.o.Rate <= 0 {
		return now, true
	}
	at := r.start.Add(time.Duration(float64(n-1) / r.o.Rate * float64(time.Second)))
	if !r.stopAt.IsZero() && !at.Before(r.stopAt) {
		return now, false
	}
	if wait := at.Sub(now); wait > 0 {
		select {
		case <-ctx.Done():
			return now, false
		case <-time.After(wait):
		}
	}
	return at, true
}

// worker sends requests one after the other and keeps its own counts, so
// workers share nothing but the request counter.
type worker struct {
	rng       *rand.Rand
	buf       bytes.Buffer
	hist      Histogram
	status    map[int]int64
	transport int64
	labels    map[string]int64
	malicious int64
	firstErr  string
}

func newWorker(seed, i uint64) *worker {
	return &worker{rng: rand.New(rand.NewPCG(seed, i)), status: map[int]int64{}, labels: map[string]int64{}}
}

func (w *worker) loop(ctx context.Context, r *run) {
	for {
		// With a Rate, latency counts from the scheduled time, so a server
		// that falls behind the schedule is not excused by the requests it
		// delayed (no coordinated omission).
		start, ok := r.next(ctx)
		if !ok {
			return
		}
		body, mal := r.corpus.pick(w.rng, r.o.MaliciousShare)
		status, err := r.send(ctx, body, &w.buf)
		took := time.Since(start)
		if ctx.Err() != nil {
			return // interrupted: not the server's doing
		}
		w.record(took, status, err, mal)
		r.prog.Add(1)
	}
}

// send posts one scan and reads the whole answer into buf, so the
// connection goes back to the pool.
func (r *run) send(ctx context.Context, body []byte, buf *bytes.Buffer) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.scanURL, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Authorization", "Bearer "+r.o.Key)
	req.Header.Set("Content-Type", "application/json")
	res, err := r.client.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	buf.Reset()
	_, err = buf.ReadFrom(res.Body)
	return res.StatusCode, err
}

func (w *worker) record(took time.Duration, status int, err error, malicious bool) {
	if malicious {
		w.malicious++
	}
	if err != nil {
		w.transport++
		if w.firstErr == "" {
			w.firstErr = err.Error()
		}
		return
	}
	w.hist.Record(took)
	w.status[status]++
	if status == http.StatusOK {
		w.labels[labelOf(w.buf.Bytes())]++
	} else if w.firstErr == "" {
		w.firstErr = strconv.Itoa(status) + ": " + string(bytes.TrimSpace(w.buf.Bytes()))
	}
}

var labelKey = []byte(`"label":"`)

// labelOf finds the verdict's label without decoding the whole verdict,
// which would cost the load generator more than the server's JSON encoding.
func labelOf(body []byte) string {
	_, rest, ok := bytes.Cut(body, labelKey)
	if !ok {
		return "unknown"
	}
	label, _, ok := bytes.Cut(rest, []byte{'"'})
	if !ok || len(label) > 32 {
		return "unknown"
	}
	return string(label)
}
