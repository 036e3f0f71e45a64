package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/vigilsec/vigil/internal/httpreq/demo"
)

func init() { subcommands = append(subcommands, newDemoCmd) }

func newDemoCmd() *cobra.Command {
	c := &cobra.Command{Use: "demo", Short: "Demonstrations: generated traffic for the detectors and the dashboard"}
	c.AddCommand(newDemoTrafficCmd())
	return c
}

type demoOptions struct {
	requests         int
	rate, share      float64
	seed             uint64
	jsonl, clf, addr string
	scanURL, scanKey string
}

func newDemoTrafficCmd() *cobra.Command {
	var o demoOptions
	c := &cobra.Command{
		Use:   "traffic [--requests N] [--rate R] [--attack-share S] [--jsonl FILE] [--clf FILE] [--scan URL --key KEY]",
		Short: "Run a mock shop and a client mixing user flows with injections; write labelled access logs",
		Long: `traffic starts a small mock e-commerce API (/, /search, /products/{id},
/login, /cart, /checkout, /download, /static/...) on a loopback port and a
client that walks ordinary user flows and, for a share of its requests,
sends an injection instead (sqli, xss, traversal, cmdi, ssti, nosqli, crlf,
ssrf, xxe, ldapi, open_redirect; a short hand-written list). The client
labels each attack with an "Attack" header; the access logger records the
label and strips the header before the application or the log line sees it.

Logs: --jsonl (default stdout) gets one record per request in the SecuritAI
access-log shape (timestamp, method, path, query object, statusCode,
source.remoteAddress, headers, requestPayload) plus label and attack_type,
which vigil http scan and vigil eval http --data read directly; --clf gets
combined-format lines with the label as a last quoted field.

With --scan URL --key KEY every logged request is also sent to a running
vigil service (POST URL/v1/http/scan), so attacks appear as alerts on its
dashboard as the demo runs.

Examples:
  vigil demo traffic --requests 2000 --rate 0 > labelled.jsonl && vigil eval http --data labelled.jsonl
  vigil demo traffic --rate 20 --requests 100000 --scan http://127.0.0.1:6001 --key vgl_...
  vigil demo traffic --requests 500 --jsonl /dev/null --clf access.log`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runDemoTraffic(cmd, o) },
	}
	f := c.Flags()
	f.IntVar(&o.requests, "requests", 1000, "requests to send")
	f.Float64Var(&o.rate, "rate", 50, "requests per second (0: as fast as possible)")
	f.Float64Var(&o.share, "attack-share", 0.1, "share of requests that are attacks (0–1)")
	f.Uint64Var(&o.seed, "seed", 1, "random seed of the client")
	f.StringVar(&o.jsonl, "jsonl", "-", "JSONL access log (- for stdout, empty for none)")
	f.StringVar(&o.clf, "clf", "", "combined-format access log (empty for none)")
	f.StringVar(&o.addr, "addr", "127.0.0.1:0", "address of the mock shop")
	f.StringVar(&o.scanURL, "scan", "", "vigil service base URL to send every logged request to")
	f.StringVar(&o.scanKey, "key", os.Getenv("VIGIL_API_KEY"), "API key with the scan scope (env VIGIL_API_KEY)")
	return c
}

func runDemoTraffic(cmd *cobra.Command, o demoOptions) error {
	if o.share < 0 || o.share > 1 {
		return fmt.Errorf("--attack-share %v: want 0–1", o.share)
	}
	if o.scanURL != "" && o.scanKey == "" {
		return fmt.Errorf("--scan needs --key (or VIGIL_API_KEY)")
	}
	lg := &demo.Logger{Next: demo.NewShop()}
	closeAll, err := openLogs(cmd, o, lg)
	if err != nil {
		return err
	}
	defer closeAll()
	if o.scanURL != "" {
		lg.Sink = forwarder(strings.TrimRight(o.scanURL, "/")+"/v1/http/scan", o.scanKey, cmd.ErrOrStderr())
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: lg, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt)
	defer stop()
	cl := &demo.Client{Base: "http://" + ln.Addr().String(), Rate: o.rate, AttackShare: o.share, Seed: o.seed}
	n, err := cl.Run(ctx, o.requests)
	fmt.Fprintf(cmd.ErrOrStderr(), "demo: %d requests sent to %s\n", n, cl.Base)
	if err != nil && ctx.Err() == nil {
		return err
	}
	return nil
}

// openLogs opens the log writers; the returned function flushes and
// closes them.
func openLogs(cmd *cobra.Command, o demoOptions, lg *demo.Logger) (func(), error) {
	var closers []func()
	open := func(path string) (io.Writer, error) {
		if path == "-" {
			w := bufio.NewWriter(cmd.OutOrStdout())
			closers = append(closers, func() { w.Flush() })
			return w, nil
		}
		f, err := os.Create(path)
		if err != nil {
			return nil, err
		}
		w := bufio.NewWriter(f)
		closers = append(closers, func() { w.Flush(); f.Close() })
		return w, nil
	}
	closeAll := func() {
		for _, c := range closers {
			c()
		}
	}
	var err error
	if o.jsonl != "" {
		if lg.JSONL, err = open(o.jsonl); err != nil {
			closeAll()
			return nil, err
		}
	}
	if o.clf != "" {
		if lg.CLF, err = open(o.clf); err != nil {
			closeAll()
			return nil, err
		}
	}
	return closeAll, nil
}

// forwarder posts each record to the service's scan route; failures are
// reported once per kind and do not stop the demo.
func forwarder(url, key string, errOut io.Writer) func(demo.Record) {
	hc := &http.Client{Timeout: 5 * time.Second}
	warned := map[string]bool{}
	return func(rec demo.Record) {
		b, _ := json.Marshal(rec)
		req, err := http.NewRequest("POST", url, bytes.NewReader(b))
		if err != nil {
			return
		}
		req.Header.Set("Authorization", "Bearer "+key)
		req.Header.Set("Content-Type", "application/json")
		resp, err := hc.Do(req)
		msg := ""
		switch {
		case err != nil:
			msg = err.Error()
		case resp.StatusCode != http.StatusOK:
			msg = resp.Status
		}
		if resp != nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		if msg != "" && !warned[msg] {
			warned[msg] = true
			fmt.Fprintf(errOut, "demo: scan %s: %s\n", url, msg)
		}
	}
}
