// Command coraza-compare runs Coraza with the OWASP Core Rule Set over the
// CSIC 2010 held-out bucket of issue 5 (the same distinct requests `vigil
// eval http` scores) at paranoia levels 1 and 2, and prints accuracy,
// precision, recall, F1 and false-positive rate with 95% bootstrap CIs and
// the throughput on one goroutine, as JSON and Markdown.
//
// It is a benchmark comparator in its own module, not a dependency of
// vigil:
//
//	cd bench/coraza && go run . -data ../../../shared/datasets
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"time"

	"github.com/vigilsec/vigil/internal/httpreq/dataset"
)

func main() {
	dir := flag.String("data", "../../../shared/datasets", "dataset directory (holds http/http.jsonl)")
	levels := flag.String("paranoia", "1,2", "comma-separated CRS paranoia levels")
	limit := flag.Int("n", 0, "evaluate N held-out requests spread over the bucket (0: all)")
	flag.Parse()
	if err := run(*dir, *levels, *limit); err != nil {
		fmt.Fprintln(os.Stderr, "coraza-compare:", err)
		os.Exit(1)
	}
}

// Result is one paranoia level's evaluation.
type Result struct {
	Paranoia       int     `json:"paranoia"`
	Figures        Figures `json:"figures"`
	RequestsPerSec float64 `json:"requests_per_second"`
	MeanMicros     float64 `json:"mean_us"`
	Errors         int     `json:"errors"`
}

func run(dir, levels string, limit int) error {
	all, err := dataset.LoadHTTP(dir)
	if err != nil {
		return err
	}
	_, held := dataset.CSICSplit(all)
	if limit > 0 && limit < len(held) {
		held = stride(held, limit)
	}
	var results []Result
	for _, pl := range parseLevels(levels) {
		r, err := evaluate(held, pl)
		if err != nil {
			return fmt.Errorf("paranoia %d: %w", pl, err)
		}
		results = append(results, r)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(map[string]any{"requests": len(held), "go": runtime.Version(), "results": results}); err != nil {
		return err
	}
	markdown(os.Stdout, len(held), results)
	return nil
}

func evaluate(held []dataset.Example, pl int) (Result, error) {
	waf, err := newWAF(pl)
	if err != nil {
		return Result{}, err
	}
	y, pred := make([]int, len(held)), make([]int, len(held))
	errs := 0
	start := time.Now()
	for i, e := range held {
		y[i] = e.Label
		hit, err := inspect(waf, e.Req)
		if err != nil {
			errs++
		}
		if hit {
			pred[i] = 1
		}
	}
	el := time.Since(start)
	f, err := figures(y, pred)
	return Result{Paranoia: pl, Figures: f, Errors: errs,
		RequestsPerSec: float64(len(held)) / el.Seconds(), MeanMicros: float64(el.Microseconds()) / float64(len(held))}, err
}

// stride keeps n requests spread evenly over the bucket (the file lists
// normal requests first).
func stride(xs []dataset.Example, n int) []dataset.Example {
	out := make([]dataset.Example, n)
	for i := range out {
		out[i] = xs[i*len(xs)/n]
	}
	return out
}

func parseLevels(s string) []int {
	var out []int
	for _, c := range s {
		if c >= '1' && c <= '4' {
			out = append(out, int(c-'0'))
		}
	}
	return out
}
