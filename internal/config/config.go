// Package config is vigil's optional YAML configuration file. Every knob
// has a default, so vigil runs with no file at all; a file is parsed
// strictly (unknown keys are errors naming the line) and validated before
// use. VIGIL_* environment variables override the file (Server.FromEnv)
// and flags override both in cmd/vigil; docs/config.md lists every knob.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"gopkg.in/yaml.v3"

	"github.com/vigilsec/vigil/internal/command/detect"
)

// maxFile bounds the configuration file.
const maxFile = 1 << 20

// Config is the whole file.
type Config struct {
	Command Command `yaml:"command"`
	Server  Server  `yaml:"server"`
}

// Command configures the command-line detector.
type Command struct {
	// Thresholds override the router thresholds stored with the Tier-1
	// model; fields left out keep the model's values.
	Thresholds map[string]float64 `yaml:"thresholds"`
	// MinTechniqueConfidence drops Tier-2 techniques ranked below it.
	MinTechniqueConfidence *float64 `yaml:"min_technique_confidence"`
	// Rules are extra rule files loaded after the built-in set.
	Rules []string `yaml:"rules"`
	// Models is a models directory to load instead of the embedded one.
	Models string `yaml:"models"`
}

// Defaults returns the configuration used when there is no file.
func Defaults() *Config {
	return &Config{Server: DefaultServer()}
}

// Load reads and validates a configuration file; path "" gives the
// defaults. Keys the file leaves out keep their defaults.
func Load(path string) (*Config, error) {
	c := Defaults()
	if path == "" {
		return c, nil
	}
	b, err := readFile(path)
	if err != nil {
		return nil, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	return c, nil
}

// Validate checks every section.
func (c *Config) Validate() error {
	if _, err := c.Command.Apply(detect.DefaultOptions()); err != nil {
		return err
	}
	return c.Server.Validate()
}

func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxFile+1))
	if err != nil {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	if len(b) > maxFile {
		return nil, fmt.Errorf("config %s: larger than %d bytes", path, maxFile)
	}
	return b, nil
}

// Apply returns base with the configured overrides.
func (c Command) Apply(base detect.Options) (detect.Options, error) {
	t := &base.Thresholds
	fields := map[string]*float64{
		"benign": &t.Benign, "suspicious": &t.Suspicious, "malicious": &t.Malicious, "margin": &t.Margin,
		"promote_confidence": &t.PromoteConfidence, "cap_confidence": &t.CapConfidence,
		"benign_safe_max_malicious": &t.BenignSafeMaxMalicious, "uncorroborated": &t.Uncorroborated,
	}
	for k, v := range c.Thresholds {
		p, ok := fields[k]
		if !ok {
			return base, fmt.Errorf("command.thresholds.%s: unknown threshold (known: benign, suspicious, malicious, margin, promote_confidence, cap_confidence, benign_safe_max_malicious, uncorroborated)", k)
		}
		*p = v
	}
	if err := t.Validate(); err != nil {
		return base, fmt.Errorf("command.thresholds: %w", err)
	}
	if m := c.MinTechniqueConfidence; m != nil {
		if *m < 0 || *m > 1 {
			return base, fmt.Errorf("command.min_technique_confidence = %v: want a value in [0, 1]", *m)
		}
		base.MinTechniqueConfidence = *m
	}
	return base, nil
}
