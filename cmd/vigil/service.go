package main

import (
	"context"
	"fmt"
	"os"
	"runtime/debug"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/vigilsec/vigil/internal/config"
	"github.com/vigilsec/vigil/internal/store"
)

// storeFlags are the flags of the subcommands that open vigil's store
// (serve, keys, alerts). Precedence: flags, then VIGIL_* environment
// variables, then the --config file, then the defaults.
type storeFlags struct {
	config, dataDir string
}

func (f *storeFlags) register(fs *pflag.FlagSet, withConfig bool) {
	if withConfig {
		fs.StringVar(&f.config, "config", os.Getenv("VIGIL_CONFIG"), "YAML configuration file (env VIGIL_CONFIG)")
	}
	fs.StringVar(&f.dataDir, "data-dir", config.DefaultDataDir(), "directory of the SQLite database (env VIGIL_DATA_DIR; ignored when VIGIL_DATABASE_URL is set)")
}

// resolve returns the configuration with the environment and the flags
// the user set applied (more, a command's own, by flags), validated.
func (f *storeFlags) resolve(cmd *cobra.Command, configPath string, flags ...func(*config.Server)) (*config.Config, error) {
	cfg, err := config.Load(configPath)
	if err != nil {
		return nil, err
	}
	cfg.Server.FromEnv(os.Getenv)
	if cmd.Flags().Changed("data-dir") {
		cfg.Server.DataDir = f.dataDir
	}
	for _, apply := range flags {
		apply(&cfg.Server)
	}
	if err := cfg.Server.Validate(); err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	return cfg, nil
}

// openStore opens the configured store.
func openStore(ctx context.Context, s config.Server) (store.Store, error) {
	st, err := store.Open(ctx, s.DatabaseURL, s.DataDir)
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	return st, nil
}

// withStore resolves the configuration, opens the store, runs fn and
// closes the store.
func (f *storeFlags) withStore(cmd *cobra.Command, fn func(store.Store) error) error {
	cfg, err := f.resolve(cmd, f.config)
	if err != nil {
		return err
	}
	st, err := openStore(cmd.Context(), cfg.Server)
	if err != nil {
		return err
	}
	defer st.Close()
	return fn(st)
}

// version is the module version the binary was built from.
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}
