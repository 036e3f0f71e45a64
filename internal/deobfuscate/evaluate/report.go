package evaluate

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
)

// Report is the outcome of one evaluation.
type Report struct {
	Name string `json:"name"`
	// Rows is the number of rows measured.
	Rows int `json:"rows"`
	// Skipped counts rows that could not be measured (an obfuscated
	// script whose original is missing, a command without a blob).
	Skipped int `json:"skipped,omitempty"`
	// Mean is the mean similarity of the deobfuscated text to the
	// expected one; Baseline the same for the untouched input.
	Mean     float64 `json:"mean_similarity"`
	Baseline float64 `json:"baseline_similarity,omitempty"`
	// MeanDeobOriginal compares with the pipeline's own deobfuscation of
	// the expected text instead: some originals are obfuscated themselves
	// (powershell -enc ...), and decoding them further is not a loss.
	MeanDeobOriginal float64 `json:"mean_similarity_to_deobfuscated_original,omitempty"`
	// Exact counts outputs equal to the expected text after trimming.
	Exact      int     `json:"exact"`
	ExactShare float64 `json:"exact_share"`
	// FinalExact counts rows whose final deobfuscated text (after every
	// later pass) still equals the expected text; set for unit42, where
	// Exact compares the decoded payload.
	FinalExact int `json:"final_exact,omitempty"`
	// LimitHits counts runs a hard limit stopped, by limit.
	LimitHits int            `json:"limit_hits"`
	Limits    map[string]int `json:"limits,omitempty"`
	MaxInput  int            `json:"max_input"`
	Groups    []Group        `json:"groups,omitempty"`
	Failures  []Failure      `json:"failures,omitempty"`
}

// Group is the part of a report for one technique.
type Group struct {
	Name     string  `json:"name"`
	Rows     int     `json:"rows"`
	Mean     float64 `json:"mean_similarity"`
	Baseline float64 `json:"baseline_similarity"`
	// MeanDeobOriginal is Report.MeanDeobOriginal for the group.
	MeanDeobOriginal float64 `json:"mean_similarity_to_deobfuscated_original,omitempty"`
	Exact            int     `json:"exact"`
	LimitHits        int     `json:"limit_hits"`
}

// Failure is one row the pipeline did not recover, with excerpts.
type Failure struct {
	ID         string  `json:"id"`
	Group      string  `json:"group,omitempty"`
	Similarity float64 `json:"similarity"`
	Limit      string  `json:"limit,omitempty"`
	Got        string  `json:"got"`
	Want       string  `json:"want"`
}

// maxFailures is how many failures a report lists.
const maxFailures = 5

// outcome is the measurement of one row.
type outcome struct {
	id, group     string
	sim, baseline float64
	simDeob       float64 // similarity to the deobfuscated expected text
	exact         bool
	limit         string
	in, got, want string
	wantDeob      string
}

// summarize folds outcomes into r: means, groups, limits and the worst
// failures.
func (r *Report) summarize(outs []outcome) {
	groups := map[string]*Group{}
	r.Limits = map[string]int{}
	for _, o := range outs {
		g := groups[o.group]
		if g == nil {
			g = &Group{Name: o.group}
			groups[o.group] = g
		}
		r.Rows++
		g.Rows++
		r.Mean += o.sim
		g.Mean += o.sim
		r.Baseline += o.baseline
		g.Baseline += o.baseline
		r.MeanDeobOriginal += o.simDeob
		g.MeanDeobOriginal += o.simDeob
		if o.exact {
			r.Exact++
			g.Exact++
		}
		if o.limit != "" {
			r.LimitHits++
			g.LimitHits++
			r.Limits[o.limit]++
		}
	}
	r.finish(groups)
	r.Failures = worst(outs)
}

func (r *Report) finish(groups map[string]*Group) {
	if r.Rows > 0 {
		r.Mean /= float64(r.Rows)
		r.Baseline /= float64(r.Rows)
		r.MeanDeobOriginal /= float64(r.Rows)
		r.ExactShare = float64(r.Exact) / float64(r.Rows)
	}
	for _, g := range groups {
		g.Mean /= float64(g.Rows)
		g.Baseline /= float64(g.Rows)
		g.MeanDeobOriginal /= float64(g.Rows)
		if g.Name != "" {
			r.Groups = append(r.Groups, *g)
		}
	}
	sort.Slice(r.Groups, func(i, j int) bool { return r.Groups[i].Name < r.Groups[j].Name })
}

// worst returns up to maxFailures inexact outcomes, lowest similarity
// first, with short excerpts.
func worst(outs []outcome) []Failure {
	var bad []outcome
	for _, o := range outs {
		if !o.exact && o.sim < 1 {
			bad = append(bad, o)
		}
	}
	sort.SliceStable(bad, func(i, j int) bool { return bad[i].sim < bad[j].sim })
	var f []Failure
	for _, o := range bad[:min(len(bad), maxFailures)] {
		f = append(f, Failure{ID: o.id, Group: o.group, Similarity: o.sim, Limit: o.limit,
			Got: clip(o.got, 200), Want: clip(o.want, 200)})
	}
	return f
}

// clip shortens s to at most n runes.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// maxLine bounds one JSONL row; the corpus rows are at most a few hundred
// kilobytes.
const maxLine = 64 << 20

// eachRow decodes every line of the JSONL file at path into a fresh T and
// calls fn with it.
func eachRow[T any](path string, fn func(T)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	rd := bufio.NewReaderSize(f, 1<<20)
	for n := 1; ; n++ {
		line, err := readLine(rd)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", path, err)
		}
		if len(line) == 0 {
			continue
		}
		var row T
		if err := json.Unmarshal(line, &row); err != nil {
			return fmt.Errorf("%s line %d: %w", path, n, err)
		}
		fn(row)
	}
}

// readLine returns the next line without its newline, or io.EOF.
func readLine(rd *bufio.Reader) ([]byte, error) {
	var line []byte
	for {
		chunk, isPrefix, err := rd.ReadLine()
		if err != nil {
			if err == io.EOF && len(line) > 0 {
				return line, nil
			}
			return nil, err
		}
		line = append(line, chunk...)
		if len(line) > maxLine {
			return nil, fmt.Errorf("line longer than %d bytes", maxLine)
		}
		if !isPrefix {
			return line, nil
		}
	}
}
