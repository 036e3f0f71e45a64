package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"time"

	"github.com/spf13/cobra"

	"github.com/vigilsec/vigil/internal/session"
	"github.com/vigilsec/vigil/internal/stream"
)

func init() { subcommands = append(subcommands, newSessionCmd) }

func newSessionCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "session",
		Short: "Classify session behaviour: Normal, BruteForce, Injection, DataExfil, Recon",
		Long: `session scores user sessions from six features (failed_logins,
request_rate, commands_count, sql_payload, honeytoken_access, session_time)
with a random forest (attack type), an isolation forest (anomaly) and a
1–10 risk score, and explains each verdict feature by feature.

extract derives the features from HTTP access logs or command logs, so
real sessions can be scored end to end (docs/session.md):
  vigil session extract --input clf < access.log | vigil session predict`,
	}
	c.AddCommand(newSessionGenCmd(), newSessionTrainCmd(), newSessionPredictCmd(), newSessionExtractCmd())
	return c
}

func newSessionGenCmd() *cobra.Command {
	var rows int
	var seed uint64
	c := &cobra.Command{
		Use:   "gen [--rows N] [--seed S]",
		Short: "Write labelled synthetic sessions as JSONL",
		Long: `gen draws sessions from the class-conditional generator the shipped model
is trained on (docs/session.md tells its story): one JSON object per line
with the six features, "label" and "profile" (the behaviour within the
class). The same seed gives the same rows.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if rows <= 0 {
				return fmt.Errorf("--rows %d: want a positive count", rows)
			}
			return session.WriteJSONL(cmd.OutOrStdout(), session.Generate(rows, seed))
		},
	}
	c.Flags().IntVar(&rows, "rows", 20000, "sessions to generate")
	c.Flags().Uint64Var(&seed, "seed", 42, "random seed")
	return c
}

func newSessionTrainCmd() *cobra.Command {
	var rows int
	var seed uint64
	var data, out string
	var quiet bool
	c := &cobra.Command{
		Use:   "train [--rows N] [--seed S] [--data FILE] [--out DIR]",
		Short: "Train and evaluate the session models",
		Long: `train generates --rows sessions (or reads --data, JSONL as gen writes it),
splits them 80/20 stratified by class, fits the scaler, the random forest
(100 trees, depth ≤ 15) and the isolation forest (Normal rows, 10%
contamination), and evaluates on the held-out part with 95% bootstrap CIs.

It writes DIR/session/session.vgm and DIR/session/eval/ (metrics.json,
metrics.md, confusion.png, roc.png) and prints metrics.md. The same
seed and data give byte-identical files.

Example (the shipped model):
  vigil session train --rows 20000 --seed 42 --out models`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			examples, desc, err := trainingRows(data, rows, seed)
			if err != nil {
				return err
			}
			cfg := session.DefaultTrainConfig()
			cfg.Seed, cfg.Data = seed, desc
			d, rep, err := session.Train(examples, cfg, session.Progress(stageProgress(cmd.ErrOrStderr(), quiet)))
			if err != nil {
				return fmt.Errorf("train session models: %w", err)
			}
			if err := d.SaveDir(out); err != nil {
				return err
			}
			if err := rep.Write(filepath.Join(out, "session", "eval")); err != nil {
				return err
			}
			return rep.WriteMarkdown(cmd.OutOrStdout())
		},
	}
	c.Flags().IntVar(&rows, "rows", 20000, "synthetic sessions to generate (ignored with --data)")
	c.Flags().Uint64Var(&seed, "seed", 42, "random seed (generator, split, forests, bootstrap)")
	c.Flags().StringVar(&data, "data", "", "labelled JSONL to train on instead of generated rows")
	c.Flags().StringVar(&out, "out", "models", "models directory to write")
	c.Flags().BoolVarP(&quiet, "quiet", "q", false, "no progress output")
	return c
}

// trainingRows returns the labelled rows and how they were obtained.
func trainingRows(data string, rows int, seed uint64) ([]session.Example, string, error) {
	if data == "" {
		if rows <= 0 {
			return nil, "", fmt.Errorf("--rows %d: want a positive count", rows)
		}
		return session.Generate(rows, seed), fmt.Sprintf("synthetic: vigil session gen --rows %d --seed %d", rows, seed), nil
	}
	f, err := os.Open(data)
	if err != nil {
		return nil, "", err
	}
	defer f.Close()
	ex, err := session.ReadJSONL(f)
	if err != nil {
		return nil, "", fmt.Errorf("read %s: %w", data, err)
	}
	return ex, fmt.Sprintf("file %s (%d rows)", filepath.Base(data), len(ex)), nil
}

func newSessionPredictCmd() *cobra.Command {
	var input, format, dir string
	c := &cobra.Command{
		Use:   "predict [--input jsonl] [--format jsonl|json|table] [--models DIR]",
		Short: "Score sessions read from stdin",
		Long: `predict reads one JSON object per line on stdin with the six features
(and optionally the "session" object extract writes, passed through) and
writes one result per line: attack_type, risk_score (1–10), confidence,
probabilities, anomaly_score, is_anomaly, anomaly_risk, confidence_risk,
contributions (every feature, largest effect first) and explanation.

Input is checked strictly: a missing, unknown or duplicate field, a value
that is not an integer (1.5, "3") or out of range is reported field by
field, on stderr and as an error object in the output, and predict exits
with status 1 after scoring the valid lines. Nothing is clamped.

Examples:
  echo '{"failed_logins":1,"request_rate":50,"commands_count":3,"sql_payload":0,"honeytoken_access":0,"session_time":300}' | vigil session predict
  vigil session gen --rows 5 | jq -c 'del(.label,.profile)' | vigil session predict --format table`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(format, "jsonl", "json", "table"); err != nil {
				return err
			}
			if input != "jsonl" {
				return fmt.Errorf("--input %q: want jsonl", input)
			}
			fsys, err := modelsFS(dir)
			if err != nil {
				return err
			}
			d, err := session.Load(fsys)
			if err != nil {
				return err
			}
			return predictStream(cmd.InOrStdin(), cmd.OutOrStdout(), cmd.ErrOrStderr(), d, format)
		},
	}
	c.Flags().StringVar(&input, "input", "jsonl", "stdin format: jsonl (one JSON object per line)")
	c.Flags().StringVar(&format, "format", "jsonl", "output format: jsonl, json or table")
	c.Flags().StringVar(&dir, "models", "", "models directory holding session/session.vgm (default: the model built into the binary)")
	return c
}

// predictResult is one output object: a prediction or a line error.
type predictResult struct {
	Line int `json:"line"`
	*session.Prediction
	Session json.RawMessage `json:"session,omitempty"`
	// Errors
	Error  string               `json:"error,omitempty"`
	Code   string               `json:"code,omitempty"`
	Fields []session.FieldError `json:"errors,omitempty"`
}

// sessionMaxLine bounds one input line; a record is a few hundred bytes.
const sessionMaxLine = 64 << 10

func predictStream(r io.Reader, stdout, stderr io.Writer, d *session.Detector, format string) error {
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	out := newPredictWriter(w, format)
	lines := stream.NewLines(r, sessionMaxLine)
	total, bad := 0, 0
	for {
		b, n, err := lines.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		var le *stream.LineError
		if err != nil && !errors.As(err, &le) {
			return fmt.Errorf("read stdin: %w", err)
		}
		total++
		res := predictLine(d, n, b, err)
		if res.Prediction == nil {
			bad++
			fmt.Fprintf(stderr, "line %d: %s\n", n, res.Error)
		}
		if err := out.write(res); err != nil {
			return err
		}
	}
	if bad > 0 {
		return exitError{code: 1, err: fmt.Errorf("%d of %d input lines were invalid", bad, total)}
	}
	return nil
}

func predictLine(d *session.Detector, n int, b []byte, readErr error) predictResult {
	res := predictResult{Line: n}
	if readErr != nil {
		res.Error, res.Code = readErr.Error(), "too_large"
		return res
	}
	rec, err := session.DecodeRecord(b)
	var p session.Prediction
	if err == nil {
		p, err = d.Predict(rec.Features)
	}
	var ve *session.ValidationError
	switch {
	case errors.As(err, &ve):
		res.Error, res.Code, res.Fields = err.Error(), "invalid", ve.Errors
	case err != nil:
		res.Error, res.Code = err.Error(), "malformed"
	default:
		res.Prediction, res.Session = &p, rec.Session
	}
	return res
}

// predictWriter writes results in one format.
type predictWriter struct {
	w      io.Writer
	enc    *json.Encoder
	table  bool
	header bool
}

func newPredictWriter(w io.Writer, format string) *predictWriter {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if format == "json" {
		enc.SetIndent("", "  ")
	}
	return &predictWriter{w: w, enc: enc, table: format == "table"}
}

func (p *predictWriter) write(r predictResult) error {
	if !p.table {
		return p.enc.Encode(r)
	}
	if !p.header {
		p.header = true
		if _, err := fmt.Fprintf(p.w, "%-5s %-10s %4s %5s %7s %-7s %s\n", "LINE", "ATTACK", "RISK", "CONF", "ANOMALY", "ANOM?", "TOP FEATURE"); err != nil {
			return err
		}
	}
	if r.Prediction == nil {
		_, err := fmt.Fprintf(p.w, "%-5d %-10s %4s %5s %7s %-7s %s\n", r.Line, "error", "-", "-", "-", "-", r.Error)
		return err
	}
	top := "-"
	if c := r.Contributions; len(c) > 0 {
		top = fmt.Sprintf("%s=%d (%+.2f)", c[0].Feature, c[0].Value, c[0].Delta)
	}
	_, err := fmt.Fprintf(p.w, "%-5d %-10s %4d %5.2f %7.3f %-7t %s\n", r.Line, r.AttackType, r.RiskScore, r.Confidence, r.AnomalyScore, r.IsAnomaly, top)
	return err
}

func newSessionExtractCmd() *cobra.Command {
	var input, honeyFile, by, login, sqlSource, modelsDir string
	var timeout time.Duration
	c := &cobra.Command{
		Use:   "extract --input http-jsonl|clf|commands-jsonl [--timeout 30m] [--honeytokens FILE]",
		Short: "Turn access or command logs into session features",
		Long: `extract reads log lines on stdin, groups them into sessions (by user when
known, else by client address; commands by user@host) that end after
--timeout of inactivity, and writes one JSON object per session: the six
features, then "session" {key, start, end, events, saturated}. The output
is what predict reads.

  failed_logins      401/403 answers on login routes (--login-route);
                     failed su/sudo/ssh/login commands (exit_code > 0)
  request_rate       peak requests (or commands) within one second
  commands_count     commands run; in HTTP logs POST/PUT/PATCH/DELETE
  sql_payload        a request the HTTP detector calls an sqli/nosqli
                     attack (--sql detector, the default), or SQL syntax
                     in the decoded query or body (--sql heuristic)
  honeytoken_access  a --honeytokens entry in the request or command
  session_time       seconds from first to last event

A measured value outside its feature's range (a 2-hour session, a single
request lasting 0 s) is set to the nearest bound and listed with its
measured value in session.saturated, so nothing is changed silently.
Unreadable lines are reported on stderr and skipped.

Examples:
  vigil session extract --input clf < /var/log/nginx/access.log | vigil session predict --format table
  vigil session extract --input commands-jsonl --timeout 15m --honeytokens decoys.txt < audit.jsonl`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			parse, err := session.ParserFor(input)
			if err != nil {
				return fmt.Errorf("--input: %w", err)
			}
			cfg, err := extractConfig(timeout, by, login, honeyFile)
			if err != nil {
				return err
			}
			switch sqlSource {
			case "detector":
				if cfg.SQL, err = sqlFromHTTPDetector(modelsDir); err != nil {
					return err
				}
			case "heuristic":
			default:
				return fmt.Errorf("--sql %q: want detector or heuristic", sqlSource)
			}
			return extractStream(cmd, parse, cfg)
		},
	}
	c.Flags().StringVar(&input, "input", session.InputHTTPJSONL, "log format: http-jsonl, clf (nginx/Apache combined) or commands-jsonl")
	c.Flags().DurationVar(&timeout, "timeout", 30*time.Minute, "inactivity that ends a session")
	c.Flags().StringVar(&honeyFile, "honeytokens", "", "file of honeytoken paths or values, one per line (# comments)")
	c.Flags().StringVar(&by, "by", "auto", "group requests by: auto (user, else client), user or client")
	c.Flags().StringVar(&login, "login-route", session.DefaultLoginRoute.String(), "regular expression matching login paths")
	c.Flags().StringVar(&sqlSource, "sql", "detector", "how sql_payload is decided: detector (the HTTP request detector) or heuristic (SQL syntax)")
	c.Flags().StringVar(&modelsDir, "models", "", "models directory holding http/*.vgm for --sql detector (default: built in)")
	return c
}

func extractConfig(timeout time.Duration, by, login, honeyFile string) (session.ExtractConfig, error) {
	cfg := session.DefaultExtractConfig()
	cfg.Timeout, cfg.By = timeout, by
	re, err := regexp.Compile(login)
	if err != nil {
		return cfg, fmt.Errorf("--login-route: %w", err)
	}
	cfg.LoginRoute = re
	if honeyFile == "" {
		return cfg, nil
	}
	f, err := os.Open(honeyFile)
	if err != nil {
		return cfg, fmt.Errorf("--honeytokens: %w", err)
	}
	defer f.Close()
	cfg.Honeytokens, err = session.ReadHoneytokens(f)
	return cfg, err
}

func extractStream(cmd *cobra.Command, parse session.Parser, cfg session.ExtractConfig) error {
	w := bufio.NewWriter(cmd.OutOrStdout())
	defer w.Flush()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	x, err := session.NewExtractor(cfg, func(r session.SessionRecord) error { return enc.Encode(r) })
	if err != nil {
		return err
	}
	skipped := 0
	err = session.Extract(cmd.InOrStdin(), parse, x, func(line int, err error) {
		skipped++
		fmt.Fprintf(cmd.ErrOrStderr(), "line %d: %v\n", line, err)
	})
	if skipped > 0 {
		fmt.Fprintf(cmd.ErrOrStderr(), "skipped %d unreadable line(s)\n", skipped)
	}
	return err
}
