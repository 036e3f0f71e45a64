package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/vigilsec/vigil/internal/command"
	"github.com/vigilsec/vigil/internal/command/rules"
	"github.com/vigilsec/vigil/internal/command/training"
	"github.com/vigilsec/vigil/internal/deobfuscate"
	"github.com/vigilsec/vigil/internal/ml/linear"
	"github.com/vigilsec/vigil/internal/progress"
)

func init() { trainSubcommands = append(trainSubcommands, newTrainCommandCmd) }

func newTrainCommandCmd() *cobra.Command {
	var dir, out string
	var seed uint64
	var quiet bool
	var cnnEpochs, cvFolds int
	c := &cobra.Command{
		Use:   "command [--data DIR] [--out DIR] [--seed N]",
		Short: "Train the command-line models (Tier 1 verdict, Tier 2 ATT&CK)",
		Long: `command trains both tiers of the command-line detector and evaluates them.

Tier 1 (Benign / Suspicious / Malicious) learns from commands/commands.jsonl,
the atomic-red-team auxiliary commands and the Genos gatekeeper split under
the label policy of the model card (models/MODEL.md). Rows are split by
group (tldr page, atomic technique, malware family, tool ...) into 80% train,
10% validation (early stopping and calibration) and 10% test.

Tier 2 (ATT&CK techniques) learns from the Genos specialist train split and
every technique-labelled row of commands.jsonl, rolled up to parent
techniques, and is evaluated on the specialist validation split, whose
commands are removed from training.

The models go to DIR/command/ (tier1.vgm, tier2.vgm); the evaluation
(metrics.json, metrics.md, ROC, reliability and confusion PNGs) to
DIR/command/eval/. The same seed and data give the same files.

--cnn-epochs N also trains the byte-level CNN of internal/ml/nn on the same
split and reports its macro-F1, and that of the mean of both models, against
the linear model with paired bootstrap intervals (set GOMLX_BACKEND=go;
about 3 minutes per epoch on 2 cores).

--cv K also cross-validates Tier 1 over K grouped folds (fold i tests, fold
i+1 validates, the rest trains) and reports every fold: a single split's
test figure moves by a few points with the groups that land in it. About a
minute per fold on 2 cores; the shipped models are not affected.

Examples:
  vigil train command
  vigil train command --data /srv/datasets --out /tmp/models --seed 7
  vigil train command --cv 10 --out /tmp/models`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			eng, err := rules.Load(true)
			if err != nil {
				return fmt.Errorf("load rules: %w", err)
			}
			// Training lifts the deobfuscation time budget (a guard for the
			// service) so that the features, and so the models, do not
			// depend on how busy the machine is: same seed, same bytes.
			lim := deobfuscate.DefaultLimits()
			lim.Budget = 10 * time.Second
			an := command.NewAnalyzer(eng, lim)
			cfg := training.DefaultConfig()
			cfg.Seed, cfg.CNNEpochs, cfg.CVFolds = seed, cnnEpochs, cvFolds
			cfg.Epochs = epochLog(cmd.ErrOrStderr(), quiet)
			prog := stageProgress(cmd.ErrOrStderr(), quiet)
			res, err := training.Run(dir, an, cfg, prog)
			if err != nil {
				return fmt.Errorf("train command models: %w", err)
			}
			meta := map[string]string{"seed": strconv.FormatUint(seed, 10), "data": "commands.jsonl, atomic_red_team_aux.jsonl, genos gatekeeper val, genos specialist train"}
			if err := res.Save(out, meta); err != nil {
				return err
			}
			rep := training.NewReport(res, seed)
			if err := rep.Write(filepath.Join(out, "command", "eval"), res.Outcomes); err != nil {
				return err
			}
			return rep.WriteMarkdown(cmd.OutOrStdout())
		},
	}
	c.Flags().StringVar(&dir, "data", dataDir(), "dataset directory")
	c.Flags().StringVar(&out, "out", "models", "models directory to write")
	c.Flags().Uint64Var(&seed, "seed", 42, "random seed (splits, shuffling, initialisation)")
	c.Flags().BoolVarP(&quiet, "quiet", "q", false, "no progress output")
	c.Flags().IntVar(&cvFolds, "cv", 0, "also cross-validate Tier 1 over K grouped folds and report each fold (0 = off)")
	c.Flags().IntVar(&cnnEpochs, "cnn-epochs", 0, "also train a byte-CNN (GoMLX) for N epochs on the Tier-1 split and report it against the linear model (not shipped)")
	return c
}

// stageProgress draws one progress bar per stage on w (redrawn in place
// on a terminal, a line per tenth of the work in logs).
func stageProgress(w io.Writer, quiet bool) training.Progress {
	if quiet {
		return nil
	}
	var mu sync.Mutex
	bars := map[string]*progress.Bar{}
	return func(stage string, done, total int) {
		mu.Lock()
		defer mu.Unlock()
		b, ok := bars[stage]
		if !ok {
			b = progress.New(w, int64(total), stage)
			bars[stage] = b
		}
		b.Set(int64(done))
		if done >= total {
			b.Finish()
			delete(bars, stage)
		}
	}
}

// epochLog prints one line per training epoch.
func epochLog(w io.Writer, quiet bool) func(linear.EpochStats) {
	if quiet {
		return nil
	}
	return func(st linear.EpochStats) {
		fmt.Fprintf(w, "epoch %2d  loss %.4f  val macro-F1 %.4f  lr %.4g  grad norm %.3f\n", st.Epoch+1, st.Loss, st.ValMacroF1, st.LR, st.GradNorm)
	}
}
