package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/vigilsec/vigil/internal/httpreq/training"
)

func init() { evalSubcommands = append(evalSubcommands, newEvalHTTPCmd) }

func newEvalHTTPCmd() *cobra.Command {
	var file, dir, out, format string
	var df httpDetectorFlags
	var quiet bool
	c := &cobra.Command{
		Use:   "http [--data FILE | --datasets DIR] [--out DIR] [--format markdown|json] [--models DIR]",
		Short: "Evaluate the HTTP detector on the CSIC 2010 held-out bucket or a labelled file",
		Long: `http scans labelled requests with the detector exactly as vigil http scan does
and reports accuracy, precision, recall, F1, false-positive rate and ROC-AUC,
each with a 95% bootstrap confidence interval (1000 resamples), for the
deployed verdicts, the linear model alone and the normal-only anomaly model,
and the attack types of the flagged requests.

Without --data it evaluates the CSIC 2010 held-out bucket of issue 5 (the
distinct requests whose sha256(method\npath\nquery\nbody) has its first 8
bytes, big-endian, at 0 mod 5) from --datasets. With --data FILE it reads
JSONL requests (any shape vigil http scan reads) with a "label" field
(attack/normal, malicious/benign, true/false or 1/0).

With --out DIR it also writes metrics.json, metrics.md and roc.png there.

Examples:
  vigil eval http
  vigil eval http --data labelled.jsonl --out eval/
  vigil eval http --models /tmp/models --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(format, "markdown", "json"); err != nil {
				return err
			}
			det, err := df.load()
			if err != nil {
				return err
			}
			prog := training.Progress(stageProgress(cmd.ErrOrStderr(), quiet))
			name, skipped := "CSIC 2010 held-out bucket", 0
			var rows []training.Row
			if file != "" {
				name = file
				rows, skipped, err = training.LabelledRows(file, prog)
			} else {
				rows, err = training.HeldOutRows(dir, prog)
			}
			if err != nil {
				return fmt.Errorf("read %s: %w", name, err)
			}
			e, err := training.EvaluateRows(det, name, rows, prog)
			if err != nil {
				return err
			}
			e.Skipped = skipped
			if out != "" {
				if err := e.Write(out); err != nil {
					return err
				}
			}
			if format == "json" {
				return writeJSON(cmd.OutOrStdout(), e)
			}
			return e.WriteMarkdown(cmd.OutOrStdout())
		},
	}
	c.Flags().StringVar(&file, "data", "", "labelled JSONL file (default: the CSIC 2010 held-out bucket)")
	c.Flags().StringVar(&dir, "datasets", dataDir(), "dataset directory for the CSIC 2010 held-out bucket")
	c.Flags().StringVar(&out, "out", "", "directory for metrics.json, metrics.md and roc.png")
	c.Flags().StringVar(&format, "format", "markdown", "output format: markdown or json")
	df.register(c.Flags())
	c.Flags().BoolVarP(&quiet, "quiet", "q", false, "no progress output")
	return c
}
