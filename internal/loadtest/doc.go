// Package loadtest drives a running vigil service with POST /v1/scan
// requests and measures it: throughput, latency percentiles, errors by
// status, the verdicts returned, and (from /metrics) whether the server's
// memory stays flat. `vigil loadtest` is its command line.
//
// Requests mix benign and malicious command lines from built-in lists
// (corpus/), in a chosen share, over keep-alive connections from a fixed
// number of workers, each sending its next request as soon as the previous
// one is answered (a closed loop: latency is what a client sees at that
// concurrency). Latencies go into a log-linear histogram (under 0.4 %
// error), so memory stays bounded however long the run.
package loadtest
