package main

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/vigilsec/vigil/internal/loadtest"
	"github.com/vigilsec/vigil/internal/progress"
)

func init() { subcommands = append(subcommands, newLoadtestCmd) }

func newLoadtestCmd() *cobra.Command {
	o := loadtest.DefaultOptions()
	var report string
	c := &cobra.Command{
		Use:   "loadtest --url URL --key KEY [--requests N] [--concurrency C] [--malicious-share P] [--duration D] [--rate R] [--report FILE]",
		Short: "Load-test a running vigil service through POST /v1/scan",
		Long: `loadtest sends POST /v1/scan requests to a running vigil service from
--concurrency workers over keep-alive connections, each sending its next
request as soon as the previous one is answered. The command lines mix
built-in benign and malicious ones (--malicious-share of them malicious).

It prints a Markdown summary: throughput, latency p50/p95/p99 (and mean,
p99.9, max), errors by status, the verdicts returned, and the server's memory
(process_resident_memory_bytes from /metrics every --sample-every, with its
trend over the run after a warm-up: flat or growing). --report writes every
figure and memory sample as JSON. Progress goes to stderr.

With --rate the workers follow a schedule of that many requests a second in
all (an open loop, like wrk2): latency counts from each request's scheduled
time, so a server that falls behind pays for the requests it delayed, and the
figures answer "at this load, what latency?".

The run stops after --requests, or after --duration when that is set
(--requests then defaults to no limit); Ctrl-C stops it early with the figures
so far. It first waits for /readyz and sends one scan, so a wrong URL or key
fails at once. The key needs scope scan and a rate limit above the load, or
the answers are 429s (counted as errors). Exit status 1 when any request
failed.

Examples:
  vigil keys create --name load --rate-limit 1000000 --format json
  vigil loadtest --key $VIGIL_KEY --requests 100000 --concurrency 32
  vigil loadtest --key $VIGIL_KEY --duration 5m --malicious-share 0.2 --report load.json
  vigil loadtest --key $VIGIL_KEY --duration 5m --rate 3000 --concurrency 32`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if cmd.Flags().Changed("duration") && !cmd.Flags().Changed("requests") {
				o.Requests = 0
			}
			return runLoadtest(cmd, o, report)
		},
	}
	f := c.Flags()
	f.StringVar(&o.URL, "url", o.URL, "base URL of the vigil service")
	f.StringVar(&o.Key, "key", os.Getenv("VIGIL_KEY"), "API key with scope scan (env VIGIL_KEY)")
	f.Int64Var(&o.Requests, "requests", o.Requests, "requests to send (0 with --duration: no limit)")
	f.IntVar(&o.Concurrency, "concurrency", o.Concurrency, "workers, each with one request in flight")
	f.Float64Var(&o.MaliciousShare, "malicious-share", o.MaliciousShare, "share of malicious command lines, 0 to 1")
	f.DurationVar(&o.Duration, "duration", 0, "run this long, e.g. 5m")
	f.Float64Var(&o.Rate, "rate", 0, "pace the requests at this many a second in all (0: as fast as the workers go)")
	f.DurationVar(&o.Timeout, "timeout", o.Timeout, "timeout of one request")
	f.DurationVar(&o.SampleEvery, "sample-every", o.SampleEvery, "interval of the server memory samples from /metrics (0: none)")
	f.Uint64Var(&o.Seed, "seed", o.Seed, "seed of the command mix")
	f.StringVar(&report, "report", "", "write the full report as JSON to this file")
	return c
}

func runLoadtest(cmd *cobra.Command, o loadtest.Options, report string) error {
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	bar := progress.New(cmd.ErrOrStderr(), o.Requests, "scans")
	rep, err := loadtest.Run(ctx, o, loadtest.DefaultCorpus(), bar)
	bar.Finish()
	if err != nil {
		return err
	}
	if report != "" {
		if err := writeReport(report, rep); err != nil {
			return err
		}
	}
	if err := rep.WriteMarkdown(cmd.OutOrStdout()); err != nil {
		return err
	}
	if rep.Errors > 0 {
		return exitError{1, fmt.Errorf("%d of %d requests failed", rep.Errors, rep.Requests)}
	}
	return nil
}

func writeReport(path string, rep *loadtest.Report) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	if err := writeJSON(f, rep); err != nil {
		f.Close()
		return fmt.Errorf("report %s: %w", path, err)
	}
	return f.Close()
}
