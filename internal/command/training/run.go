package training

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strconv"
	"time"

	"github.com/vigilsec/vigil/internal/command"
	"github.com/vigilsec/vigil/internal/command/dataset"
	"github.com/vigilsec/vigil/internal/command/detect"
	"github.com/vigilsec/vigil/internal/ml/artifact"
	"github.com/vigilsec/vigil/internal/ml/linear"
)

// Result is a finished training run: the models and their evaluation.
type Result struct {
	Models    *detect.Models
	Tier1     *Tier1Result
	Tier2     *Tier2Result
	Policy    map[string]int // rows per label-policy decision
	Tier1Eval *Tier1Eval     // on the held-out test part
	Tier2Eval *Tier2Eval     // on the Genos specialist validation split
	Outcomes  []Outcome      // test-part verdicts, for plots
	CNN       *CNNComparison // when Config.CNNEpochs > 0
	CV        *CVResult      // when Config.CVFolds > 0
	Elapsed   time.Duration
}

// Run trains both tiers from the datasets under dir and evaluates the
// finished detector.
func Run(dir string, an *command.Analyzer, cfg Config, prog Progress) (*Result, error) {
	start := time.Now()
	ex, err := LoadTier1(dir)
	if err != nil {
		return nil, err
	}
	rows, policy := Analyze(an, ex, prog)
	t1, err := TrainTier1(rows, cfg, prog)
	if err != nil {
		return nil, fmt.Errorf("tier 1: %w", err)
	}
	pool, val, err := LoadTier2(dir)
	if err != nil {
		return nil, err
	}
	poolRows, _ := Analyze(an, pool, prog)
	t2, err := TrainTier2(poolRows, cfg, prog)
	if err != nil {
		return nil, fmt.Errorf("tier 2: %w", err)
	}
	res := &Result{Tier1: t1, Tier2: t2, Policy: policy}
	// Tier 2 ships with int8 weights: evaluate that model, not the float one.
	q8, err := linear.FromArtifact(t2.Model.ArtifactQ8(detect.Tier2Schema.Hash(), t2.Classes))
	if err != nil {
		return nil, fmt.Errorf("tier 2: %w", err)
	}
	res.Models = &detect.Models{Tier1: t1.Model, Tier2: q8, Techniques: t2.Classes}
	opts := detect.DefaultOptions()
	opts.Thresholds = t1.Thresholds
	det, err := detect.New(an, res.Models, opts)
	if err != nil {
		return nil, err
	}
	test := make([]Row, 0, len(t1.Parts.Test))
	for _, i := range t1.Parts.Test {
		test = append(test, rows[i])
	}
	res.Outcomes = Outcomes(det, test, prog)
	if res.Tier1Eval, err = EvaluateTier1(res.Outcomes); err != nil {
		return nil, err
	}
	valRows, _ := Analyze(an, val, prog)
	if res.Tier2Eval, err = EvaluateTier2(det, valRows, prog); err != nil {
		return nil, err
	}
	if cfg.CVFolds > 0 {
		if res.CV, err = CrossValidateTier1(rows, cfg.CVFolds, cfg, prog); err != nil {
			return nil, err
		}
	}
	if cfg.CNNEpochs > 0 {
		if res.CNN, err = CompareCNN(rows, t1, cfg.CNNEpochs, cfg.Seed); err != nil {
			return nil, err
		}
	}
	res.Elapsed = time.Since(start)
	return res, nil
}

// Outcomes runs the detector over labelled rows.
func Outcomes(det *detect.Detector, rows []Row, prog Progress) []Outcome {
	out := make([]Outcome, len(rows))
	forEach(len(rows), "evaluate", prog, func(_, i int) {
		r := rows[i]
		v := det.Verdict(r.an)
		p := det.Proba(r.an)
		out[i] = Outcome{
			True: int(r.Class), Pred: labelIndex(v.Label), Model: argmax(p[:]),
			Confidence: v.Confidence, Probs: p, Reason: v.Reason, Source: r.Source,
			BenignDoc: r.Class == dataset.Benign && (r.Source == "tldr" || r.Source == "nl2bash"),
			Command:   r.Command, Rules: ruleIDs(v),
		}
	})
	return out
}

func labelIndex(l string) int {
	for i, s := range detect.Labels {
		if s == l {
			return i
		}
	}
	return -1
}

func argmax(p []float64) int {
	best := 0
	for i, v := range p {
		if v > p[best] {
			best = i
		}
	}
	return best
}

// Save writes both artifacts under dir/command/, Tier 2 with int8
// weights. The files carry no timestamp, so a rerun with the same seed and
// data writes identical bytes.
func (r *Result) Save(dir string, meta map[string]string) error {
	th, err := json.Marshal(r.Tier1.Thresholds)
	if err != nil {
		return err
	}
	t1 := r.Tier1.Model.Artifact(detect.Tier1Schema.Hash(), detect.Labels[:])
	t1.Metadata = withMeta(meta, map[string]string{
		"best_epoch": strconv.Itoa(r.Tier1.Report.BestEpoch), "temperature": fmt.Sprint(r.Tier1.Model.Temperature),
		"thresholds": string(th),
	})
	t2 := r.Tier2.Model.ArtifactQ8(detect.Tier2Schema.Hash(), r.Tier2.Classes)
	t2.Metadata = withMeta(meta, map[string]string{
		"best_epoch": strconv.Itoa(r.Tier2.Report.BestEpoch), "rows": strconv.Itoa(r.Tier2.Rows),
	})
	for path, a := range map[string]*artifact.Artifact{detect.Tier1Path: t1, detect.Tier2Path: t2} {
		if err := artifact.SaveFile(filepath.Join(dir, path), a); err != nil {
			return err
		}
	}
	return nil
}

func withMeta(base, extra map[string]string) map[string]string {
	m := make(map[string]string, len(base)+len(extra))
	for k, v := range base {
		m[k] = v
	}
	for k, v := range extra {
		m[k] = v
	}
	return m
}

func ruleIDs(v *detect.Verdict) []string {
	var ids []string
	for _, e := range v.Evidence {
		if e.Kind == "rule" {
			ids = append(ids, string(e.Action)+":"+e.ID)
		}
	}
	return ids
}
