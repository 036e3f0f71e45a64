package main

import "github.com/spf13/cobra"

func init() { subcommands = append(subcommands, newEvalCmd) }

// evalSubcommands are the detectors `vigil eval` can evaluate.
var evalSubcommands []func() *cobra.Command

func newEvalCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "eval DETECTOR",
		Short: "Evaluate a detector on a labelled file",
		Long: `eval runs a detector exactly as scan does over a labelled file and reports
its metrics with 95% bootstrap confidence intervals.

Examples:
  vigil eval command --data ../shared/datasets/commands/genos/gatekeeper_3class_val.csv`,
	}
	for _, f := range evalSubcommands {
		c.AddCommand(f())
	}
	return c
}
