package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/vigilsec/vigil/internal/deobfuscate"
	"github.com/vigilsec/vigil/internal/deobfuscate/evaluate"
)

func init() { benchSubcommands = append(benchSubcommands, newBenchDeobfuscateCmd) }

// benchMaxInput is the default --max-input of the benchmark: several
// Invoke-Obfuscation outputs are larger than the 64 KiB the scanner accepts.
const benchMaxInput = 256 << 10

// dataDir is the default dataset directory: $VIGIL_DATA, else the shared
// datasets beside the repository.
func dataDir() string {
	if d := os.Getenv("VIGIL_DATA"); d != "" {
		return d
	}
	return filepath.Join("..", "shared", "datasets")
}

func newBenchDeobfuscateCmd() *cobra.Command {
	var dir, format string
	var maxInput int
	c := &cobra.Command{
		Use:   "deobfuscate [--data DIR] [--format text|json] [--max-input N]",
		Short: "Measure how well deobfuscation recovers the original scripts",
		Long: `deobfuscate measures the pipeline on two sets:

  - the Invoke-Obfuscation pairs of powershell/powershell_scripts.jsonl: the
    mean normalised similarity (1 - Levenshtein/longer length, after
    lower-casing and collapsing white space) of each deobfuscated script to
    its original, per technique, next to the baseline of the obfuscated text
    itself and to the similarity with the deobfuscated original (some
    originals are obfuscated themselves); run with --max-input (default 262144, the pipeline's own default
    is 65536) so the large outputs are decoded;
  - the unit42 lines of commands/commands.jsonl: the share whose
    deobfuscation equals the script in its -EncodedCommand blob exactly
    (default limits).

Examples:
  vigil bench deobfuscate
  vigil bench deobfuscate --data /data/vigil --format json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format, "text", "json"); err != nil {
				return err
			}
			lim := deobfuscate.DefaultLimits()
			lim.MaxInput = maxInput
			pairs, err := evaluate.PowerShellPairs(filepath.Join(dir, "powershell", "powershell_scripts.jsonl"), lim)
			if err != nil {
				return fmt.Errorf("powershell pairs: %w", err)
			}
			u42, err := evaluate.UnitFortyTwo(filepath.Join(dir, "commands", "commands.jsonl"))
			if err != nil {
				return fmt.Errorf("unit42: %w", err)
			}
			if format == "json" {
				return writeJSON(cmd.OutOrStdout(), []evaluate.Report{pairs, u42})
			}
			printPairs(cmd.OutOrStdout(), pairs)
			printUnit42(cmd.OutOrStdout(), u42)
			return nil
		},
	}
	c.Flags().StringVar(&dir, "data", dataDir(), "dataset directory (default $VIGIL_DATA or ../shared/datasets)")
	c.Flags().StringVar(&format, "format", "text", "output format: text or json")
	c.Flags().IntVar(&maxInput, "max-input", benchMaxInput, "largest input in bytes for the PowerShell pairs")
	return c
}

func printPairs(w io.Writer, r evaluate.Report) {
	fmt.Fprintf(w, "%s: %d pairs (%d without original), max input %d bytes\n", r.Name, r.Rows, r.Skipped, r.MaxInput)
	fmt.Fprintf(w, "  mean similarity %.4f  (baseline, obfuscated text: %.4f; vs deobfuscated original: %.4f)\n",
		r.Mean, r.Baseline, r.MeanDeobOriginal)
	fmt.Fprintf(w, "  exact %d/%d  limit hits %d %v\n", r.Exact, r.Rows, r.LimitHits, r.Limits)
	fmt.Fprintf(w, "  %-30s %5s %10s %9s %9s %6s %6s\n", "technique", "rows", "similarity", "baseline", "vs-deob", "exact", "limits")
	for _, g := range r.Groups {
		fmt.Fprintf(w, "  %-30s %5d %10.4f %9.4f %9.4f %6d %6d\n",
			g.Name, g.Rows, g.Mean, g.Baseline, g.MeanDeobOriginal, g.Exact, g.LimitHits)
	}
	printFailures(w, r)
}

func printUnit42(w io.Writer, r evaluate.Report) {
	fmt.Fprintf(w, "%s: %d lines (%d without a blob), max input %d bytes\n", r.Name, r.Rows, r.Skipped, r.MaxInput)
	fmt.Fprintf(w, "  decoded payload exact %d/%d = %.2f%%  mean similarity %.4f  limit hits %d %v\n",
		r.Exact, r.Rows, 100*r.ExactShare, r.Mean, r.LimitHits, r.Limits)
	fmt.Fprintf(w, "  final deobfuscated text still exact: %d/%d (later passes may rewrite the script)\n", r.FinalExact, r.Rows)
	printFailures(w, r)
}

func printFailures(w io.Writer, r evaluate.Report) {
	for _, f := range r.Failures {
		fmt.Fprintf(w, "  worst: %s %s similarity %.3f %s\n    got:  %q\n    want: %q\n", f.Group, f.ID, f.Similarity, f.Limit, f.Got, f.Want)
	}
}
