package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/vigilsec/vigil/internal/api"
	"github.com/vigilsec/vigil/internal/command/detect"
	"github.com/vigilsec/vigil/internal/config"
)

func init() { subcommands = append(subcommands, newServeCmd) }

type serveOptions struct {
	addr                string
	logFormat, logLevel string
	store               storeFlags
	det                 detectorFlags
}

func newServeCmd() *cobra.Command {
	var o serveOptions
	c := &cobra.Command{
		Use:   "serve [--addr HOST:PORT] [--data-dir DIR] [--config FILE]",
		Short: "Run the detection service (REST API, alerts, metrics)",
		Long: `serve starts vigil's HTTP service: POST /v1/scan and the other routes of
docs/api.md, on a loopback address by default. It listens at once; /readyz
answers 200 (and /health "ok") once the models are loaded and warmed. Keys,
usage, alerts and allow rules live in SQLite under --data-dir, or in
PostgreSQL when VIGIL_DATABASE_URL is a postgres:// URL. SIGINT or SIGTERM
drain in-flight requests and write queued alerts before exiting.

Precedence of settings: flags, then environment (VIGIL_ADDR, VIGIL_DATA_DIR,
VIGIL_DATABASE_URL, VIGIL_INTERNAL_TOKEN, VIGIL_CONFIG), then the --config
file, then the defaults (docs/config.md).

Examples:
  vigil keys create --name laptop --format json
  vigil serve
  vigil serve --addr 0.0.0.0:6001 --data-dir /var/lib/vigil
  VIGIL_DATABASE_URL=postgres://vigil@db/vigil vigil serve`,
		RunE: func(cmd *cobra.Command, _ []string) error { return runServe(cmd, &o) },
	}
	c.Flags().StringVar(&o.addr, "addr", config.DefaultAddr, "listen address (env VIGIL_ADDR)")
	c.Flags().StringVar(&o.logFormat, "log-format", "text", "log format on stderr: text or json")
	c.Flags().StringVar(&o.logLevel, "log-level", "info", "log level: debug, info, warn or error")
	o.store.register(c.Flags(), false)
	o.det.register(c.Flags())
	return c
}

func runServe(cmd *cobra.Command, o *serveOptions) error {
	log, err := newLogger(cmd.ErrOrStderr(), o.logFormat, o.logLevel)
	if err != nil {
		return err
	}
	cfg, err := o.store.resolve(cmd, o.det.config, func(s *config.Server) {
		if cmd.Flags().Changed("addr") {
			s.Addr = o.addr
		}
	})
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	st, err := openStore(ctx, cfg.Server)
	if err != nil {
		return err
	}
	defer st.Close()
	srv, err := api.New(ctx, api.Options{Config: cfg.Server, Store: st, Logger: log, Version: version()})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Server.Addr)
	if err != nil {
		srv.Close(ctx)
		return fmt.Errorf("listen: %w", err)
	}
	log.Info("vigil serving", "addr", ln.Addr().String(), "store", storeName(cfg.Server), "version", version())
	err = serveUntilDone(ctx, srv, ln, o.det.load, log)
	log.Info("vigil stopped", "err", err)
	return err
}

// serveUntilDone loads the models in the background while serving; a
// failed load stops the server and is the command's error.
func serveUntilDone(ctx context.Context, srv *api.Server, ln net.Listener, load func() (*detect.Detector, error), log *slog.Logger) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	loadErr := make(chan error, 1)
	go func() {
		err := srv.Load(load)
		if err != nil {
			log.Error("cannot serve without models", "err", err)
			cancel()
		}
		loadErr <- err
	}()
	err := srv.Serve(ctx, ln)
	if lerr := <-loadErr; lerr != nil {
		return lerr
	}
	return err
}

// storeName describes the store without credentials.
func storeName(s config.Server) string {
	switch {
	case strings.HasPrefix(s.DatabaseURL, "postgres"):
		return "postgresql"
	case s.DatabaseURL != "":
		return s.DatabaseURL
	}
	return "sqlite in " + s.DataDir
}

// newLogger is the service's structured logger on w.
func newLogger(w io.Writer, format, level string) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("--log-level %q: want debug, info, warn or error", level)
	}
	opts := &slog.HandlerOptions{Level: lv}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("--log-format %q: want text or json", format)
}
