package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/vigilsec/vigil/internal/httpreq/training"
	"github.com/vigilsec/vigil/internal/ml/linear"
	"github.com/vigilsec/vigil/internal/ml/nn"
)

func init() { trainSubcommands = append(trainSubcommands, newTrainHTTPCmd) }

type trainHTTPOptions struct {
	dir, out          string
	seed              uint64
	quiet, noCross    bool
	cnnEpochs, cnnRow int
	synthetic         int
	maxFPR            float64
	normal            string
}

func newTrainHTTPCmd() *cobra.Command {
	var o trainHTTPOptions
	c := &cobra.Command{
		Use:   "http [--data DIR] [--out DIR] [--seed N] [--cnn-epochs N]",
		Short: "Train the HTTP request models (attack/normal, attack type, byte-CNN, anomaly)",
		Long: `http trains the HTTP request detector and evaluates it on the CSIC 2010 split
of issue 5: a request is held out when the first 8 bytes of
sha256(method\npath\nquery\nbody), read big-endian, are 0 mod 5; held-out
requests are never trained on and are evaluated once each.

The training pool is the rest of CSIC 2010 (whole requests, without
headers: the Host header leaks the label), parameter values cut from its
normal requests, and capped, de-duplicated fragments of HttpParams
(attacks only: its normal values come from CSIC), DeepXSS, fwaf, the
payload lists (resampled by category) and the Kaggle XSS set. 90% trains,
10% validates (early stopping, calibration; its CSIC rows tune the
threshold, the CNN weight and the cascade band at FPR ≤ 0.4%).

Models (to DIR/http/): binary.vgm (linear, hashed n-grams), cnn.vgm
(byte-CNN, GoMLX; set GOMLX_BACKEND=go), type.vgm (attack type) and
anomaly.vgm (n-gram surprisal of normal CSIC traffic only). The
evaluation (metrics.json, metrics.md, roc.png) goes to DIR/http/eval/:
accuracy, precision, recall, F1, FPR and ROC-AUC with 95% bootstrap CIs
for the deployed detector and each model alone, attack-type scores, and
cross-dataset figures (a linear model trained without each source,
evaluated on it).

--normal FILE trains only the anomaly side on your own traffic: the n-gram
model and the endpoint profile (methods per path) from FILE, JSONL requests
in any shape vigil http scan reads (rows labelled attack are skipped). It
writes DIR/http/anomaly.vgm and copies the other shipped artifacts beside
it; scan with --models DIR. The shipped anomaly model knows only CSIC 2010's
shop, so on any other site its score says little until retrained this way.

Examples:
  GOMLX_BACKEND=go vigil train http
  vigil train http --cnn-epochs 0 --no-cross --out /tmp/models
  vigil train http --normal my-normal-traffic.jsonl --out site-models`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if o.normal != "" {
				return trainSiteAnomaly(cmd, o)
			}
			return runTrainHTTP(cmd, o)
		},
	}
	c.Flags().StringVar(&o.dir, "data", dataDir(), "dataset directory")
	c.Flags().StringVar(&o.out, "out", "models", "models directory to write")
	c.Flags().Uint64Var(&o.seed, "seed", 42, "random seed (splits, sampling, initialisation)")
	c.Flags().BoolVarP(&o.quiet, "quiet", "q", false, "no progress output")
	c.Flags().StringVar(&o.normal, "normal", "", "train only the anomaly model and endpoint profile from this JSONL of your normal traffic")
	c.Flags().BoolVar(&o.noCross, "no-cross", false, "skip the cross-dataset evaluation")
	c.Flags().IntVar(&o.cnnEpochs, "cnn-epochs", training.DefaultConfig().CNN.Epochs, "byte-CNN epochs (0: no CNN, the linear model decides alone)")
	c.Flags().Float64Var(&o.maxFPR, "max-fpr", training.DefaultConfig().MaxFPR, "false-positive rate the threshold may reach on the CSIC validation rows")
	c.Flags().IntVar(&o.synthetic, "synthetic", training.DefaultConfig().Pool.Synthetic, "synthetic normal requests, and as many with an attack fragment injected")
	c.Flags().IntVar(&o.cnnRow, "cnn-rows", training.DefaultConfig().CNNRows, "training rows sampled for the byte-CNN")
	return c
}

func runTrainHTTP(cmd *cobra.Command, o trainHTTPOptions) error {
	cfg := training.DefaultConfig()
	cfg.Seed, cfg.Pool.Seed, cfg.CNN.Epochs, cfg.CNNRows = o.seed, o.seed, o.cnnEpochs, o.cnnRow
	cfg.MaxFPR, cfg.Pool.Synthetic, cfg.Pool.SyntheticAttacks = o.maxFPR, o.synthetic, o.synthetic
	if o.noCross {
		cfg.Cross = nil
	}
	if !o.quiet {
		cfg.Epochs = httpEpochLog(cmd.ErrOrStderr())
		cfg.CNNEpochs = func(st nn.EpochStats) {
			fmt.Fprintf(cmd.ErrOrStderr(), "cnn    epoch %2d  loss %.4f  val macro-F1 %.4f  %s\n", st.Epoch+1, st.Loss, st.ValMacroF1, st.Duration.Round(1e9))
		}
	}
	res, err := training.Run(o.dir, cfg, training.Progress(stageProgress(cmd.ErrOrStderr(), o.quiet)))
	if err != nil {
		return fmt.Errorf("train http models: %w", err)
	}
	meta := map[string]string{"seed": strconv.FormatUint(o.seed, 10),
		"data": "http.jsonl (csic2010 training bucket, httpparams attacks, deepxss, fwaf), payloads.jsonl, payloads_labeled.jsonl (kaggle xss)"}
	if err := res.Save(o.out, meta); err != nil {
		return err
	}
	rep := training.NewReport(res, o.seed)
	if err := rep.Write(filepath.Join(o.out, "http", "eval")); err != nil {
		return err
	}
	return rep.WriteMarkdown(cmd.OutOrStdout())
}

func httpEpochLog(w io.Writer) func(string, linear.EpochStats) {
	return func(model string, st linear.EpochStats) {
		fmt.Fprintf(w, "%-6s epoch %2d  loss %.4f  val macro-F1 %.4f\n", model, st.Epoch+1, st.Loss, st.ValMacroF1)
	}
}
