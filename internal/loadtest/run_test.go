package loadtest_test

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vigilsec/vigil/internal/api/apitest"
	"github.com/vigilsec/vigil/internal/loadtest"
	"github.com/vigilsec/vigil/internal/store"
)

func options(s *apitest.Server, key string) loadtest.Options {
	o := loadtest.DefaultOptions()
	o.URL, o.Key = s.URL, key
	o.Requests, o.Concurrency, o.MaliciousShare = 300, 8, 0.3
	o.SampleEvery = 50 * time.Millisecond
	return o
}

type counter struct{ n atomic.Int64 }

func (c *counter) Add(n int64) { c.n.Add(n) }

func TestRunAgainstARealServer(t *testing.T) {
	s := apitest.Start(t)
	o := options(s, s.Key("load", 1_000_000, store.ScopeScan))
	rep, err := loadtest.Run(context.Background(), o, loadtest.DefaultCorpus(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Requests != 300 || rep.OK != 300 || rep.Errors != 0 || len(rep.ErrorsByStatus) != 0 {
		t.Fatalf("requests %d ok %d errors %d %v, want 300 answered without error", rep.Requests, rep.OK, rep.Errors, rep.ErrorsByStatus)
	}
	if rep.MaliciousSent < 30 || rep.MaliciousSent > 180 {
		t.Errorf("%d malicious sent of 300 at share 0.3", rep.MaliciousSent)
	}
	if rep.Verdicts["Benign"] == 0 || rep.Verdicts["Malicious"] == 0 {
		t.Errorf("verdicts %v: want both Benign and Malicious", rep.Verdicts)
	}
	l := rep.Latency
	if !(0 < l.P50 && l.P50 <= l.P95 && l.P95 <= l.P99 && l.P99 <= l.Max && l.Min <= l.P50) {
		t.Errorf("latencies out of order: %+v", l)
	}
	if rep.Throughput <= 0 || rep.ElapsedSeconds <= 0 {
		t.Errorf("throughput %v over %v s", rep.Throughput, rep.ElapsedSeconds)
	}
	if rep.Memory == nil || len(rep.Memory.Samples) < 2 || rep.Memory.RSSLastMiB <= 0 {
		t.Errorf("memory %+v: want samples from /metrics", rep.Memory)
	}
}

func TestRateLimitedAnswersAreCountedByStatus(t *testing.T) {
	s := apitest.Start(t)
	o := options(s, s.Key("slow", 60, store.ScopeScan)) // 60 a minute: the bucket holds 60
	o.Requests = 100
	rep, err := loadtest.Run(context.Background(), o, loadtest.DefaultCorpus(), nil)
	if err != nil {
		t.Fatal(err)
	}
	limited := rep.ErrorsByStatus["429"]
	if limited < 30 || rep.OK+limited != 100 || rep.Errors != limited {
		t.Fatalf("ok %d, 429 %d, errors %d %v; want about 40 rate limited of 100", rep.OK, limited, rep.Errors, rep.ErrorsByStatus)
	}
	var md strings.Builder
	rep.WriteMarkdown(&md)
	if !strings.Contains(md.String(), "429 is the key's rate limit") {
		t.Errorf("the summary does not explain the 429s:\n%s", md.String())
	}
}

func TestRefusedKeyFailsBeforeTheRun(t *testing.T) {
	s := apitest.Start(t)
	prog := &counter{}
	_, err := loadtest.Run(context.Background(), options(s, "vgl_unknown"), loadtest.DefaultCorpus(), prog)
	if want := "the server refused the key (401): unknown API key"; err == nil || err.Error() != want {
		t.Errorf("error %v, want %q", err, want)
	}
	if n := prog.n.Load(); n != 0 {
		t.Errorf("%d requests sent with a refused key", n)
	}
}

func TestDurationEndsTheRun(t *testing.T) {
	s := apitest.Start(t)
	o := options(s, s.Key("load", 1_000_000, store.ScopeScan))
	o.Requests, o.Duration, o.SampleEvery = 0, 300*time.Millisecond, 0
	rep, err := loadtest.Run(context.Background(), o, loadtest.DefaultCorpus(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.ElapsedSeconds < 0.3 || rep.ElapsedSeconds > 3 || rep.Requests == 0 || rep.Errors != 0 {
		t.Errorf("%d requests, %d errors in %.2f s; want some, none failed, in about 0.3 s", rep.Requests, rep.Errors, rep.ElapsedSeconds)
	}
	if rep.Memory != nil {
		t.Errorf("memory sampled with SampleEvery 0")
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		edit func(*loadtest.Options)
		want string // part of the error; "" for valid
	}{
		{"defaults with a key", func(*loadtest.Options) {}, ""},
		{"duration without a count", func(o *loadtest.Options) { o.Requests, o.Duration = 0, time.Minute }, ""},
		{"no key", func(o *loadtest.Options) { o.Key = "" }, "key:"},
		{"not a URL", func(o *loadtest.Options) { o.URL = "localhost:6001" }, "url"},
		{"no work", func(o *loadtest.Options) { o.Requests = 0 }, "requests:"},
		{"no workers", func(o *loadtest.Options) { o.Concurrency = 0 }, "concurrency:"},
		{"share over 1", func(o *loadtest.Options) { o.MaliciousShare = 1.5 }, "malicious share:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := loadtest.DefaultOptions()
			o.Key = "vgl_x"
			tt.edit(&o)
			err := o.Validate()
			if (tt.want == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tt.want)) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
}

func TestRatePacesTheRequests(t *testing.T) {
	s := apitest.Start(t)
	o := options(s, s.Key("load", 1_000_000, store.ScopeScan))
	o.Requests, o.Rate, o.SampleEvery = 100, 400, 0 // 100 at 400/s: a quarter of a second
	rep, err := loadtest.Run(context.Background(), o, loadtest.DefaultCorpus(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.OK != 100 || rep.ElapsedSeconds < 0.24 || rep.ElapsedSeconds > 2 {
		t.Errorf("%d ok in %.3f s; want 100 in about 0.25 s", rep.OK, rep.ElapsedSeconds)
	}
	if rep.Throughput > 420 {
		t.Errorf("throughput %.0f/s above the rate of 400/s", rep.Throughput)
	}
}
