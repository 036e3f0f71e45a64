package main

import "github.com/spf13/cobra"

func init() { subcommands = append(subcommands, newTrainCmd) }

// trainSubcommands are the detectors `vigil train` can train, added by
// the files that define them.
var trainSubcommands []func() *cobra.Command

func newTrainCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "train DETECTOR",
		Short: "Train a detector's models from labelled data",
		Long: `train rebuilds a detector's shipped models from the public datasets
(--data, default $VIGIL_DATA or ../shared/datasets) and reports the
held-out evaluation of what it built.

Examples:
  vigil train command --data ../shared/datasets --out models`,
	}
	for _, f := range trainSubcommands {
		c.AddCommand(f())
	}
	return c
}
