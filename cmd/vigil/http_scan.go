package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"runtime"

	"github.com/spf13/cobra"

	"github.com/vigilsec/vigil/internal/httpreq"
	"github.com/vigilsec/vigil/internal/httpreq/detect"
	"github.com/vigilsec/vigil/internal/stream"
)

func init() { httpSubcommands = append(httpSubcommands, newHTTPScanCmd) }

// httpBatch is how many requests are scanned in parallel and written, in
// input order, before more are read: it bounds memory.
const httpBatch = 256

type httpScanOptions struct {
	input, format string
	workers       int
	det           httpDetectorFlags
}

func newHTTPScanCmd() *cobra.Command {
	var o httpScanOptions
	c := &cobra.Command{
		Use:   "scan [--input jsonl|raw|clf] [--format jsonl|json|table]",
		Short: "Score HTTP requests attack/normal with attack type, anomaly and evidence",
		Long: `scan reads requests from stdin as a stream and writes one result per request,
in input order; memory does not grow with the input.

Input (--input):
  jsonl  one JSON object per line (default): {method, path, query, body,
         headers} with query a string or an object; the SecuritAI access-log
         shape (timestamp, method, path, query, statusCode,
         source.remoteAddress, headers, requestPayload); ECS fields
         (http.request.method, url.path, url.query, http.request.body.content)
  raw    raw HTTP/1.x requests one after another, as in the CSIC 2010 files
  clf    nginx/Apache common or combined log lines

Output, one object per request: label ("attack" | "normal"), score (0–1),
attack_type (sqli, xss, traversal, cmdi, ssti, xxe, crlf, nosqli, ldapi,
rfi, open_redirect, ssi, xpathi, format_string, ssrf, or null), anomaly
(0–1, from the model of normal traffic), scores (each model), evidence (the
parts that triggered with their decoded form, the normalisation steps),
elapsed_us. A request that cannot be read gives {"line", "error", "code"}
and the stream goes on.

Examples:
  echo '{"method":"GET","path":"/search","query":"q=1'"'"' OR '"'"'1'"'"'='"'"'1"}' | vigil http scan
  vigil http scan --input clf --format table < access.log
  zcat normalTrafficTest.txt.gz | vigil http scan --input raw > verdicts.jsonl`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(o.format, "jsonl", "json", "table"); err != nil {
				return err
			}
			if err := checkFormat(o.input, "jsonl", "raw", "clf"); err != nil {
				return fmt.Errorf("--input: %w", err)
			}
			det, err := o.det.load()
			if err != nil {
				return err
			}
			w := bufio.NewWriterSize(cmd.OutOrStdout(), 64<<10)
			defer w.Flush()
			out := newHTTPWriter(w, o.format)
			return scanHTTP(newHTTPSource(cmd.InOrStdin(), o.input, det.Limits()), det, o.workers, out)
		},
	}
	c.Flags().StringVar(&o.input, "input", "jsonl", "stdin format: jsonl, raw or clf")
	c.Flags().StringVar(&o.format, "format", "jsonl", "output format: jsonl, json or table")
	c.Flags().IntVar(&o.workers, "workers", runtime.GOMAXPROCS(0), "requests scanned in parallel")
	o.det.register(c.Flags())
	return c
}

// httpItem is one input request or its read error, then its result.
type httpItem struct {
	line    int
	req     *httpreq.Request
	verdict *detect.Verdict
	err     error
}

// httpSource yields requests with the line they start on.
type httpSource interface {
	next() (httpItem, error) // io.EOF at the end; other errors are fatal
}

func newHTTPSource(r io.Reader, input string, lim httpreq.Limits) httpSource {
	if input == "raw" {
		return &rawSource{rr: httpreq.NewRawReader(r, lim)}
	}
	max := 1 << 20
	parse := func(b []byte) (*httpreq.Request, error) { return httpreq.ParseJSON(b, lim) }
	if input == "clf" {
		parse = func(b []byte) (*httpreq.Request, error) { return httpreq.ParseCLF(string(b), lim) }
	}
	return &lineSource{lines: stream.NewLines(r, max), parse: parse}
}

type lineSource struct {
	lines *stream.Lines
	parse func([]byte) (*httpreq.Request, error)
}

func (s *lineSource) next() (httpItem, error) {
	for {
		b, n, err := s.lines.Next()
		var le *stream.LineError
		switch {
		case errors.Is(err, io.EOF):
			return httpItem{}, io.EOF
		case errors.As(err, &le):
			return httpItem{line: n, err: err}, nil
		case err != nil:
			return httpItem{}, fmt.Errorf("read stdin: %w", err)
		case len(b) == 0:
			continue // blank lines are not requests
		}
		req, perr := s.parse(b)
		return httpItem{line: n, req: req, err: perr}, nil
	}
}

type rawSource struct{ rr *httpreq.RawReader }

func (s *rawSource) next() (httpItem, error) {
	req, err := s.rr.Next()
	switch {
	case errors.Is(err, io.EOF):
		return httpItem{}, io.EOF
	case err != nil && !errors.Is(err, httpreq.ErrMalformed) && !errors.Is(err, httpreq.ErrTooLarge) && !errors.Is(err, httpreq.ErrEmpty):
		return httpItem{}, fmt.Errorf("read stdin: %w", err)
	}
	return httpItem{line: s.rr.Line(), req: req, err: err}, nil
}

// scanHTTP reads batches, scans each batch on the workers and writes it in
// input order.
func scanHTTP(src httpSource, det *detect.Detector, workers int, out *httpWriter) error {
	batch := make([]httpItem, 0, httpBatch)
	for {
		batch = batch[:0]
		eof := false
		for len(batch) < httpBatch {
			it, err := src.next()
			if errors.Is(err, io.EOF) {
				eof = true
				break
			}
			if err != nil {
				return err
			}
			batch = append(batch, it)
		}
		parallel(len(batch), workers, func(i int) {
			if it := &batch[i]; it.err == nil {
				it.verdict, it.err = det.Scan(it.req)
			}
		})
		for _, it := range batch {
			out.write(it)
		}
		if out.err != nil || eof {
			return out.err
		}
	}
}

// parallel runs fn(i) for i in [0, n) on at most workers goroutines.
func parallel(n, workers int, fn func(i int)) {
	workers = max(1, min(workers, n))
	if workers == 1 {
		for i := range n {
			fn(i)
		}
		return
	}
	next := make(chan int)
	done := make(chan struct{})
	for range workers {
		go func() {
			for i := range next {
				fn(i)
			}
			done <- struct{}{}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	for range workers {
		<-done
	}
}
