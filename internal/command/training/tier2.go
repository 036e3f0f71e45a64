package training

import (
	"fmt"
	"slices"
	"sort"

	"github.com/vigilsec/vigil/internal/command"
	"github.com/vigilsec/vigil/internal/command/dataset"
	"github.com/vigilsec/vigil/internal/command/detect"
	"github.com/vigilsec/vigil/internal/command/features"
	"github.com/vigilsec/vigil/internal/ml/linear"
	"github.com/vigilsec/vigil/internal/ml/split"
	"github.com/vigilsec/vigil/internal/ml/vec"
)

// minTechniqueRows is the least number of training commands a technique
// needs to become a Tier-2 class.
const minTechniqueRows = 3

// unit42Cap bounds the unit42 rows in the Tier-2 pool: they are all
// T1059.001 PowerShell and would swamp every other technique.
const unit42Cap = 150

// LoadTier2 returns the Tier-2 training pool and the Genos specialist
// validation split it is evaluated on. The pool is the specialist train
// split plus every commands.jsonl row with a technique, rolled up to
// parent techniques, deduplicated, with every command of the validation
// split removed.
func LoadTier2(dir string) (pool, val []dataset.Example, err error) {
	spec, err := dataset.Specialist(dir, "train")
	if err != nil {
		return nil, nil, err
	}
	val, err = dataset.Specialist(dir, "val")
	if err != nil {
		return nil, nil, err
	}
	cmds, err := policyOptions().Commands(dir)
	if err != nil {
		return nil, nil, err
	}
	held := map[string]bool{}
	for _, e := range val {
		held[dataset.Key(e.Command)] = true
	}
	unit42 := 0
	for _, e := range slices.Concat(spec, cmds) {
		if e.Parent() == "" || held[dataset.Key(e.Command)] {
			continue
		}
		if e.Source == "unit42-psencmds" {
			if unit42++; unit42 > unit42Cap {
				continue
			}
		}
		e.Technique = e.Parent()
		pool = append(pool, e)
	}
	return dataset.Dedupe(pool), val, nil
}

// Tier2Result is a trained Tier-2 model.
type Tier2Result struct {
	Model   *linear.Model
	Report  linear.Report
	Classes []string
	Rows    int
}

// TrainTier2 trains the technique ranker on rows (analysed pool rows). A
// stratified tenth of the pool drives early stopping; the specialist
// validation split stays untouched for evaluation.
func TrainTier2(rows []Row, cfg Config, prog Progress) (*Tier2Result, error) {
	classes, index := techniqueClasses(rows)
	var ans []*command.Analysis
	var y []int
	var views []features.View
	for _, r := range rows {
		c, ok := index[r.Parent()]
		if !ok {
			continue
		}
		ans, y, views = append(ans, r.an), append(y, c), append(views, features.Raw)
		if r.an.Deobfuscation.Changed {
			ans, y, views = append(ans, r.an), append(y, c), append(views, features.Decoded)
		}
	}
	X, err := vectorizeViews(ans, views, prog)
	if err != nil {
		return nil, err
	}
	parts, err := split.Stratified(y, split.Fractions{Train: 0.9, Val: 0.1}, cfg.Seed)
	if err != nil {
		return nil, fmt.Errorf("split: %w", err)
	}
	pick := func(idx []int) linear.Dataset {
		d := linear.Dataset{}
		for _, i := range idx {
			d.X, d.Y = append(d.X, X[i]), append(d.Y, y[i])
		}
		return d
	}
	lc := cfg.Tier2
	lc.Seed, lc.Log = cfg.Seed, cfg.Epochs
	m, rep, err := linear.Train(detect.Tier2Schema.Dim(), len(classes), pick(parts.Train), pick(parts.Val), lc)
	if err != nil {
		return nil, err
	}
	if err := m.Calibrate(pick(parts.Val)); err != nil {
		return nil, fmt.Errorf("calibrate: %w", err)
	}
	return &Tier2Result{Model: m, Report: rep, Classes: classes, Rows: len(y)}, nil
}

// techniqueClasses lists the parent techniques with enough rows, sorted.
func techniqueClasses(rows []Row) ([]string, map[string]int) {
	n := map[string]int{}
	for _, r := range rows {
		n[r.Parent()]++
	}
	var classes []string
	for t, c := range n {
		if c >= minTechniqueRows {
			classes = append(classes, t)
		}
	}
	sort.Strings(classes)
	index := make(map[string]int, len(classes))
	for i, t := range classes {
		index[t] = i
	}
	return classes, index
}

func vectorizeViews(ans []*command.Analysis, views []features.View, prog Progress) ([]vec.Sparse, error) {
	fz := make([]*features.Featurizer, workers(len(ans)))
	for i := range fz {
		f, err := features.NewFeaturizer(detect.Tier2Schema)
		if err != nil {
			return nil, err
		}
		fz[i] = f
	}
	out := make([]vec.Sparse, len(ans))
	forEach(len(ans), "features", prog, func(w, i int) {
		out[i] = fz[w].Vector(ans[i], views[i], vec.Sparse{})
	})
	return out, nil
}
