package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/vigilsec/vigil/internal/command/detect"
	"github.com/vigilsec/vigil/internal/command/rules"
	"github.com/vigilsec/vigil/internal/config"
)

func init() { subcommands = append(subcommands, newCheckCmd) }

func newCheckCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "check",
		Short: "Validate vigil's inputs before using them",
	}
	c.AddCommand(newCheckConfigCmd())
	return c
}

func newCheckConfigCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "config FILE",
		Short: "Validate a configuration file: keys, values, rule files and models directory",
		Long: `config parses FILE strictly (unknown keys are errors naming the line),
checks every value, compiles the rule files it names with the built-in set and,
when it names a models directory, loads the models. It prints "ok" or exits
non-zero with the first error, naming the field.

Example:
  vigil check config /etc/vigil/vigil.yaml`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkConfig(args[0]); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s: ok\n", args[0])
			return nil
		},
	}
}

// checkConfig loads everything a configuration file refers to.
func checkConfig(path string) error {
	cfg, err := config.Load(path)
	if err != nil {
		return err
	}
	if _, err := rules.Load(true, cfg.Command.Rules...); err != nil {
		return fmt.Errorf("config %s: command.rules: %w", path, err)
	}
	if cfg.Command.Models == "" {
		return nil
	}
	fsys, err := modelsFS(cfg.Command.Models)
	if err == nil {
		_, err = detect.LoadModels(fsys)
	}
	if err != nil {
		return fmt.Errorf("config %s: command.models: %w", path, err)
	}
	return nil
}
