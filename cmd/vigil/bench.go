package main

import "github.com/spf13/cobra"

func init() { subcommands = append(subcommands, newBenchCmd) }

// benchSubcommands are added by the files that define them (vigil bench
// deobfuscate, vigil bench pipeline, ...).
var benchSubcommands []func() *cobra.Command

func newBenchCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "bench",
		Short: "Measure vigil against the labelled datasets",
		Long: `bench runs vigil's components on the labelled datasets (../shared/datasets,
or $VIGIL_DATA, or --data) and prints the figures.`,
	}
	for _, f := range benchSubcommands {
		c.AddCommand(f())
	}
	return c
}
