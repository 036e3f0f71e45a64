package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"time"

	"github.com/spf13/cobra"

	"github.com/vigilsec/vigil/internal/command/detect"
)

func init() { benchSubcommands = append(benchSubcommands, newBenchCommandCmd) }

// commandBenchReport is what `vigil bench command` measures.
type commandBenchReport struct {
	Commands    int            `json:"commands"`
	Under512    latencySummary `json:"latency_under_512_bytes"`
	All         latencySummary `json:"latency_all"`
	ScanPerSec  float64        `json:"scan_stream_commands_per_second"`
	SmallPerSec float64        `json:"scan_stream_under_512_bytes_commands_per_second"`
	ScanBytes   int64          `json:"scan_stream_output_bytes"`
	HeapMB      float64        `json:"heap_mb_models_loaded"`
	RSSMB       float64        `json:"rss_mb"`
	Labels      map[string]int `json:"labels"`
	Note        string         `json:"note"`
}

func newBenchCommandCmd() *cobra.Command {
	var dir, format string
	var df detectorFlags
	var limit int
	c := &cobra.Command{
		Use:   "command [--data DIR] [--limit N] [--format text|json] [--models DIR]",
		Short: "Time the full command detector (deobfuscate, parse, rules, Tier 1, Tier 2) on one core",
		Long: `command loads the shipped models and, with GOMAXPROCS=1, scans every command
line of commands/commands.jsonl twice:

  1. one Detector.Scan call at a time, timing each: latency p50/p90/p99,
     overall and for commands under 512 bytes;
  2. all of them, and those under 512 bytes, through vigil scan's
     streaming path (text input, JSONL output to a discarded writer, one
     worker): throughput in commands/s.

It also reports the Go heap with the models loaded and the process RSS.
For per-operation figures with allocations use the Go benchmark:
  go test -run '^$' -bench Scan -benchmem ./internal/command/detect/

Examples:
  vigil bench command
  vigil bench command --limit 10000 --format json`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(format, "text", "json"); err != nil {
				return err
			}
			prev := runtime.GOMAXPROCS(1)
			defer runtime.GOMAXPROCS(prev)
			rep, err := runCommandBench(filepath.Join(dir, "commands", "commands.jsonl"), &df, limit)
			if err != nil {
				return err
			}
			if format == "json" {
				return writeJSON(cmd.OutOrStdout(), rep)
			}
			printCommandBench(cmd.OutOrStdout(), rep)
			return nil
		},
	}
	c.Flags().StringVar(&dir, "data", dataDir(), "dataset directory (default $VIGIL_DATA or ../shared/datasets)")
	c.Flags().IntVar(&limit, "limit", 0, "use the first N commands (0: all)")
	c.Flags().StringVar(&format, "format", "text", "output format: text or json")
	df.register(c.Flags())
	return c
}

func runCommandBench(path string, df *detectorFlags, limit int) (*commandBenchReport, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open dataset: %w (set --data or VIGIL_DATA)", err)
	}
	defer f.Close()
	var cmds []string
	if err := eachJSONL(f, func(r commandRow) bool {
		cmds = append(cmds, r.Command)
		return limit == 0 || len(cmds) < limit
	}); err != nil {
		return nil, err
	}
	det, err := df.load()
	if err != nil {
		return nil, err
	}
	rep := &commandBenchReport{Labels: map[string]int{}, HeapMB: heapMB(),
		Note: "GOMAXPROCS=1; latency is wall-clock per Detector.Scan call"}
	var all, short []time.Duration
	for _, c := range cmds {
		t0 := time.Now()
		v, err := det.Scan(c)
		d := time.Since(t0)
		if err != nil {
			continue
		}
		rep.Commands++
		rep.Labels[v.Label]++
		all = append(all, d)
		if len(c) < 512 {
			short = append(short, d)
		}
	}
	rep.All, rep.Under512 = summarize(all), summarize(short)
	small := make([]string, 0, len(cmds))
	for _, c := range cmds {
		if len(c) < 512 {
			small = append(small, c)
		}
	}
	if rep.SmallPerSec, _, err = streamThroughput(det, small); err != nil {
		return nil, err
	}
	rep.ScanPerSec, rep.ScanBytes, err = streamThroughput(det, cmds)
	rep.RSSMB = rssMB()
	return rep, err
}

// streamThroughput pushes the commands through scan's streaming path.
func streamThroughput(det *detect.Detector, cmds []string) (float64, int64, error) {
	var in bytes.Buffer
	n := 0
	for _, c := range cmds {
		if !bytes.ContainsAny([]byte(c), "\r\n") {
			in.WriteString(c)
			in.WriteByte('\n')
			n++
		}
	}
	cw := &countWriter{}
	t0 := time.Now()
	err := scanStream(&in, det, scanOptions{input: "text", format: "jsonl", workers: 1}, newScanWriter(cw, "jsonl"))
	return float64(n) / time.Since(t0).Seconds(), cw.n, err
}

type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

func heapMB() float64 {
	runtime.GC()
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return float64(s[0].Value.Uint64()) / (1 << 20)
}

// rssMB reads the resident set size from /proc (0 where there is none).
func rssMB() float64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	var size, rss int64
	if _, err := fmt.Sscan(string(b), &size, &rss); err != nil {
		return 0
	}
	return float64(rss*int64(os.Getpagesize())) / (1 << 20)
}

func printCommandBench(w io.Writer, r *commandBenchReport) {
	fmt.Fprintf(w, "command detector, one core: %d commands (%s)\n", r.Commands, r.Note)
	for _, s := range []struct {
		name string
		l    latencySummary
	}{{"under 512 B", r.Under512}, {"all", r.All}} {
		fmt.Fprintf(w, "  %-12s n=%-6d mean %7.1f µs  p50 %7.1f  p90 %7.1f  p99 %8.1f  max %9.1f\n",
			s.name, s.l.N, s.l.MeanUS, s.l.P50US, s.l.P90US, s.l.P99US, s.l.MaxUS)
	}
	fmt.Fprintf(w, "  vigil scan stream (1 worker): %.0f commands/s under 512 B, %.0f commands/s all (%.1f MB of JSONL)\n",
		r.SmallPerSec, r.ScanPerSec, float64(r.ScanBytes)/(1<<20))
	fmt.Fprintf(w, "  heap with models %.0f MB, RSS %.0f MB\n", r.HeapMB, r.RSSMB)
	fmt.Fprintf(w, "  labels: %v\n", r.Labels)
}
