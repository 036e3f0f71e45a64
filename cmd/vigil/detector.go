package main

import (
	"fmt"
	"io/fs"
	"os"

	"github.com/spf13/pflag"

	"github.com/vigilsec/vigil/internal/command/detect"
	"github.com/vigilsec/vigil/internal/config"
	"github.com/vigilsec/vigil/models"
)

// detectorFlags are the flags of every subcommand that runs the command
// detector.
type detectorFlags struct {
	models, config string
	rules          []string
}

func (d *detectorFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&d.models, "models", "", "models directory (default: the models built into the binary)")
	fs.StringVar(&d.config, "config", os.Getenv("VIGIL_CONFIG"), "YAML configuration file (env VIGIL_CONFIG)")
	fs.StringSliceVar(&d.rules, "rules", nil, "extra rule files (YAML) to load after the built-in set")
}

// modelsFS returns the models directory to load: dir when set, else the
// artifacts embedded in the binary.
func modelsFS(dir string) (fs.FS, error) {
	if dir == "" {
		return models.FS, nil
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("--models %q: not a directory (it should hold command/tier1.vgm and command/tier2.vgm)", dir)
	}
	return os.DirFS(dir), nil
}

// load reads the configuration, rules and models and returns the command
// detector. Flags win over the configuration file.
func (d *detectorFlags) load() (*detect.Detector, error) {
	cfg, err := config.Load(d.config)
	if err != nil {
		return nil, err
	}
	dir := cfg.Command.Models
	if d.models != "" {
		dir = d.models
	}
	an, err := newAnalyzer(false, append(cfg.Command.Rules, d.rules...))
	if err != nil {
		return nil, err
	}
	fsys, err := modelsFS(dir)
	if err != nil {
		return nil, err
	}
	m, err := detect.LoadModels(fsys)
	if err != nil {
		return nil, err
	}
	base := detect.DefaultOptions()
	base.Thresholds = m.Thresholds
	opts, err := cfg.Command.Apply(base)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	return detect.New(an, m, opts)
}
