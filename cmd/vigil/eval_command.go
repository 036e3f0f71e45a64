package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/vigilsec/vigil/internal/command/training"
)

func init() { evalSubcommands = append(evalSubcommands, newEvalCommandCmd) }

func newEvalCommandCmd() *cobra.Command {
	var file, out, format string
	var df detectorFlags
	var quiet bool
	c := &cobra.Command{
		Use:   "command --data FILE [--out DIR] [--format markdown|json] [--models DIR]",
		Short: "Evaluate the command detector on a labelled file",
		Long: `command scans every command of FILE with the full detector (rules, router
and both tiers, as vigil scan does) and reports, each with a 95% bootstrap
confidence interval (1000 resamples):

  Tier 1 (rows with a label): accuracy, macro-F1, per-class precision /
  recall / F1, the confusion matrix, ROC-AUC (macro one-vs-rest and
  non-benign vs benign), the expected calibration error of the verdict
  confidence, the benign false-positive rate, and the model alone without
  the router;
  Tier 2 (rows with a technique): top-1, top-3 and top-5 accuracy of the
  parent technique.

FILE is JSONL ({"command", "label", "technique"}) or CSV with a header
(command, label, mitre_id: the Genos split files). Labels may be Benign,
Suspicious, Malicious or Context_Dependent (= Suspicious), any case.

With --out DIR it also writes metrics.json, metrics.md, roc.png,
reliability.png and confusion.png there.

Examples:
  vigil eval command --data ../shared/datasets/commands/genos/gatekeeper_3class_val.csv
  vigil eval command --data ../shared/datasets/commands/genos/specialist_val.csv --format json
  vigil eval command --data labelled.jsonl --out eval/`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if file == "" {
				return errors.New("--data FILE is required: a JSONL or CSV file of labelled commands")
			}
			if err := checkFormat(format, "markdown", "json"); err != nil {
				return err
			}
			det, err := df.load()
			if err != nil {
				return err
			}
			fe, err := training.EvaluateFile(det, det.Analyzer(), file, stageProgress(cmd.ErrOrStderr(), quiet))
			if err != nil {
				return fmt.Errorf("evaluate %s: %w", file, err)
			}
			if out != "" {
				if err := fe.Write(out); err != nil {
					return err
				}
			}
			if format == "json" {
				return writeJSON(cmd.OutOrStdout(), fe)
			}
			return fe.WriteMarkdown(cmd.OutOrStdout())
		},
	}
	c.Flags().StringVar(&file, "data", "", "labelled file (JSONL or CSV)")
	c.Flags().StringVar(&out, "out", "", "directory for metrics.json, metrics.md and the PNG figures")
	c.Flags().StringVar(&format, "format", "markdown", "output format: markdown or json")
	df.register(c.Flags())
	c.Flags().BoolVarP(&quiet, "quiet", "q", false, "no progress output")
	return c
}
