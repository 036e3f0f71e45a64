package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/spf13/cobra"

	"github.com/vigilsec/vigil/internal/command"
)

func init() { benchSubcommands = append(benchSubcommands, newBenchPipelineCmd) }

// pipelineReport is what `vigil bench pipeline` measures.
type pipelineReport struct {
	Commands   int             `json:"commands"`
	Skipped    int             `json:"skipped"`
	Under512   latencySummary  `json:"under_512_bytes"`
	All        latencySummary  `json:"all"`
	RuleHits   map[string]int  `json:"rule_hits_by_action"`
	Changed    int             `json:"deobfuscation_changed"`
	Limits     map[string]int  `json:"deobfuscation_limits"`
	PerSource  map[string]int  `json:"commands_by_source"`
	Throughput float64         `json:"commands_per_second"`
	Note       string          `json:"note"`
	Slowest    []slowCommand   `json:"slowest"`
	raw        []time.Duration // all latencies
	small      []time.Duration // latencies of commands < 512 bytes
	seenAction map[string]bool // per-command scratch
}

// slowCommand is one of the slowest commands, so a regression is easy to find.
type slowCommand struct {
	US      float64 `json:"us"`
	Bytes   int     `json:"bytes"`
	Command string  `json:"command"`
}

type latencySummary struct {
	N      int     `json:"n"`
	MeanUS float64 `json:"mean_us"`
	P50US  float64 `json:"p50_us"`
	P90US  float64 `json:"p90_us"`
	P99US  float64 `json:"p99_us"`
	MaxUS  float64 `json:"max_us"`
}

func newBenchPipelineCmd() *cobra.Command {
	var dir, format string
	var limit int
	c := &cobra.Command{
		Use:   "pipeline [--data DIR] [--limit N] [--format text|json]",
		Short: "Time deobfuscate + parse + rules on every command of the dataset",
		Long: `pipeline runs the model-free detector (deobfuscation, parsing, built-in rules)
on each command line of commands/commands.jsonl, one at a time on one
goroutine, and prints latency percentiles, overall and for commands under
512 bytes, with how often rules and deobfuscation fired.

For per-operation figures with allocation counts use the Go benchmarks:
  go test -run '^$' -bench Analyze -benchmem ./internal/command/`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(format, "text", "json"); err != nil {
				return err
			}
			rep, err := runPipelineBench(filepath.Join(dir, "commands", "commands.jsonl"), limit)
			if err != nil {
				return err
			}
			if format == "json" {
				return writeJSON(cmd.OutOrStdout(), rep)
			}
			printPipelineReport(cmd.OutOrStdout(), rep)
			return nil
		},
	}
	c.Flags().StringVar(&dir, "data", dataDir(), "dataset directory (default $VIGIL_DATA or ../shared/datasets)")
	c.Flags().IntVar(&limit, "limit", 0, "stop after N commands (0: all)")
	c.Flags().StringVar(&format, "format", "text", "output format: text or json")
	return c
}

func runPipelineBench(path string, limit int) (*pipelineReport, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open dataset: %w (set --data or VIGIL_DATA)", err)
	}
	defer f.Close()
	a, err := newAnalyzer(false, nil)
	if err != nil {
		return nil, err
	}
	rep := &pipelineReport{RuleHits: map[string]int{}, Limits: map[string]int{}, PerSource: map[string]int{},
		Note: "one goroutine, one command at a time, wall-clock per Analyze call"}
	start := time.Now()
	err = eachJSONL(f, func(row commandRow) bool {
		rep.measure(a, row)
		return limit == 0 || rep.Commands < limit
	})
	if err != nil {
		return nil, err
	}
	rep.Throughput = float64(rep.Commands) / time.Since(start).Seconds()
	rep.All, rep.Under512 = summarize(rep.raw), summarize(rep.small)
	return rep, nil
}

type commandRow struct {
	Command string `json:"command"`
	Source  string `json:"source"`
}

func (rep *pipelineReport) measure(a *command.Analyzer, row commandRow) {
	t0 := time.Now()
	an, err := a.Analyze(row.Command)
	d := time.Since(t0)
	if err != nil {
		rep.Skipped++
		return
	}
	rep.Commands++
	rep.PerSource[row.Source]++
	rep.noteSlow(d, row.Command)
	rep.raw = append(rep.raw, d)
	if len(row.Command) < 512 {
		rep.small = append(rep.small, d)
	}
	if an.Deobfuscation.Changed {
		rep.Changed++
	}
	if an.Deobfuscation.Limit != "" {
		rep.Limits[an.Deobfuscation.Limit]++
	}
	rep.seenAction = map[string]bool{}
	for _, h := range an.Rules {
		if !rep.seenAction[string(h.Action)] {
			rep.seenAction[string(h.Action)] = true
			rep.RuleHits[string(h.Action)]++
		}
	}
}

// noteSlow keeps the five slowest commands.
func (rep *pipelineReport) noteSlow(d time.Duration, cmd string) {
	us := float64(d.Nanoseconds()) / 1e3
	if len(rep.Slowest) == 5 && us <= rep.Slowest[4].US {
		return
	}
	ex := cmd
	if len(ex) > 100 {
		ex = ex[:100] + "…"
	}
	rep.Slowest = append(rep.Slowest, slowCommand{US: us, Bytes: len(cmd), Command: ex})
	slices.SortFunc(rep.Slowest, func(a, b slowCommand) int { return int(b.US - a.US) })
	if len(rep.Slowest) > 5 {
		rep.Slowest = rep.Slowest[:5]
	}
}

// eachJSONL decodes one JSON object per line and calls fn until it returns
// false. Lines that do not decode are an error naming the line.
func eachJSONL(r io.Reader, fn func(commandRow) bool) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for n := 1; sc.Scan(); n++ {
		var row commandRow
		if err := json.Unmarshal(sc.Bytes(), &row); err != nil {
			return fmt.Errorf("line %d: %w", n, err)
		}
		if !fn(row) {
			return nil
		}
	}
	if err := sc.Err(); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	return nil
}

func summarize(ds []time.Duration) latencySummary {
	if len(ds) == 0 {
		return latencySummary{}
	}
	slices.Sort(ds)
	us := func(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e3 }
	var sum time.Duration
	for _, d := range ds {
		sum += d
	}
	q := func(p float64) float64 { return us(ds[int(p*float64(len(ds)-1))]) }
	return latencySummary{N: len(ds), MeanUS: us(sum) / float64(len(ds)), P50US: q(0.5), P90US: q(0.9), P99US: q(0.99), MaxUS: us(ds[len(ds)-1])}
}

func printPipelineReport(w io.Writer, r *pipelineReport) {
	fmt.Fprintf(w, "commands analysed   %d (skipped %d: empty or over the input limit)\n", r.Commands, r.Skipped)
	for _, s := range []struct {
		name string
		l    latencySummary
	}{{"all", r.All}, {"< 512 bytes", r.Under512}} {
		fmt.Fprintf(w, "%-12s n=%-6d mean %7.1f µs  p50 %7.1f  p90 %7.1f  p99 %8.1f  max %9.1f\n",
			s.name, s.l.N, s.l.MeanUS, s.l.P50US, s.l.P90US, s.l.P99US, s.l.MaxUS)
	}
	fmt.Fprintf(w, "throughput          %.0f commands/s (%s)\n", r.Throughput, r.Note)
	fmt.Fprintf(w, "deobfuscation       changed %d, limits %v\n", r.Changed, r.Limits)
	fmt.Fprintf(w, "rule hits by action %v (commands with at least one hit)\n", r.RuleHits)
	for _, c := range r.Slowest {
		fmt.Fprintf(w, "slow  %10.0f µs  %6d bytes  %q\n", c.US, c.Bytes, c.Command)
	}
}
