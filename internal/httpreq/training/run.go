package training

import (
	"fmt"
	"time"

	"github.com/vigilsec/vigil/internal/httpreq/dataset"
	"github.com/vigilsec/vigil/internal/httpreq/detect"
	"github.com/vigilsec/vigil/internal/ml/charlm"
)

// Result is a finished training run: the models and their evaluation.
type Result struct {
	Models   *detect.Models
	Binary   *Binary
	Type     *TypeResult
	Anomaly  *charlm.Model
	HeldOut  *HeldOut
	Cross    []Cross
	Sizes    map[string]int // pool rows per source and label
	TypeRows map[string]int // type-model rows per type
	Elapsed  time.Duration
}

// Run trains every HTTP model from the datasets under dir and evaluates
// the assembled detector on the held-out CSIC bucket.
func Run(dir string, cfg Config, prog Progress) (*Result, error) {
	start := time.Now()
	httpRows, err := dataset.LoadHTTP(dir)
	if err != nil {
		return nil, fmt.Errorf("load http.jsonl: %w", err)
	}
	payloads, err := dataset.LoadPayloads(dir)
	if err != nil {
		return nil, fmt.Errorf("load payloads: %w", err)
	}
	all := append(httpRows, payloads...)
	csicTrain, heldOutEx := dataset.CSICSplit(httpRows)
	pool := prepare(dataset.BinaryPool(all, csicTrain, cfg.Pool), prog)
	X, err := vectorize(pool, detect.BinarySchema, prog)
	if err != nil {
		return nil, err
	}
	res := &Result{Sizes: sizes(pool), TypeRows: map[string]int{}}
	if res.Binary, err = trainBinary(pool, X, cfg, prog); err != nil {
		return nil, err
	}
	if res.Anomaly, err = trainAnomaly(pool, res.Binary, cfg); err != nil {
		return nil, fmt.Errorf("anomaly model: %w", err)
	}
	if err := res.trainType(all, csicTrain, cfg, prog); err != nil {
		return nil, err
	}
	res.Models.Profile = trainProfile(pool)
	det, err := detect.New(res.Models)
	if err != nil {
		return nil, err
	}
	heldOut := prepare(heldOutEx, prog)
	if res.HeldOut, err = evaluateHeldOut(det, csicVal(pool, res.Binary), heldOut, cfg, prog); err != nil {
		return nil, err
	}
	if res.Cross, err = crossDataset(all, pool, X, res.Binary.Parts, heldOut, det, cfg, prog); err != nil {
		return nil, err
	}
	res.Elapsed = time.Since(start)
	return res, nil
}

// trainType trains the type model with the binary model picking parts,
// and assembles the models.
func (res *Result) trainType(all, csicTrain []dataset.Example, cfg Config, prog Progress) error {
	b := res.Binary
	partDet, err := detect.New(&detect.Models{Binary: b.Linear, Combine: detect.DefaultCombine()})
	if err != nil {
		return err
	}
	typeRows := prepare(dataset.TypePool(all, csicTrain, cfg.Pool), prog)
	for _, r := range typeRows {
		res.TypeRows[r.Type]++
	}
	if res.Type, err = trainType(typeRows, partDet, cfg, prog); err != nil {
		return err
	}
	res.Models = &detect.Models{
		Binary: b.Linear, Type: res.Type.Model, Types: dataset.Types, CNN: b.CNN, Anomaly: res.Anomaly, Combine: b.Combine,
	}
	return nil
}

// csicVal returns the CSIC rows of the validation part.
func csicVal(pool []Row, b *Binary) []Row {
	var out []Row
	for _, i := range b.Parts.Val {
		if pool[i].Source == dataset.CSIC {
			out = append(out, pool[i])
		}
	}
	return out
}

func sizes(pool []Row) map[string]int {
	m := map[string]int{}
	for _, r := range pool {
		l := "normal"
		if r.Label == dataset.Attack {
			l = "attack"
		}
		m[r.Source+" "+l]++
	}
	return m
}
