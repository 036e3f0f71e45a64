package loadtest

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// Options describe a run.
type Options struct {
	URL            string        // the server's base URL, e.g. http://127.0.0.1:6001
	Key            string        // an API key with scope scan
	Requests       int64         // how many to send; 0 with Duration: no limit
	Concurrency    int           // workers, each with one request in flight
	MaliciousShare float64       // 0..1: the share of malicious command lines
	Duration       time.Duration // stop after this long; 0: after Requests
	// Rate paces the requests at this many a second in all (0: each worker
	// sends as soon as its previous request is answered).
	Rate        float64
	Timeout     time.Duration // per request
	SampleEvery time.Duration // /metrics sampling interval; 0: none
	Seed        uint64        // for the command mix
}

// DefaultOptions are those of `vigil loadtest` without flags.
func DefaultOptions() Options {
	return Options{URL: "http://127.0.0.1:6001", Requests: 10000, Concurrency: 32, MaliciousShare: 0.2,
		Timeout: 10 * time.Second, SampleEvery: 5 * time.Second, Seed: 1}
}

// Validate checks the options and normalises the URL.
func (o *Options) Validate() error {
	var errs []error
	u, err := url.Parse(o.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		errs = append(errs, fmt.Errorf("url %q: want http(s)://host:port", o.URL))
	}
	o.URL = strings.TrimRight(o.URL, "/")
	if o.Key == "" {
		errs = append(errs, errors.New("key: an API key with scope scan is required"))
	}
	if o.Requests < 0 || (o.Requests == 0 && o.Duration <= 0) {
		errs = append(errs, errors.New("requests: must be positive (or 0 with a duration)"))
	}
	if o.Concurrency < 1 || o.Concurrency > 10000 {
		errs = append(errs, errors.New("concurrency: must be between 1 and 10000"))
	}
	if o.Rate < 0 {
		errs = append(errs, errors.New("rate: must not be negative"))
	}
	if o.MaliciousShare < 0 || o.MaliciousShare > 1 {
		errs = append(errs, errors.New("malicious share: must be between 0 and 1"))
	}
	if o.Duration < 0 || o.Timeout <= 0 || o.SampleEvery < 0 {
		errs = append(errs, errors.New("duration, timeout and sample interval: must not be negative (timeout positive)"))
	}
	return errors.Join(errs...)
}
