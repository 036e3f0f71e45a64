// Command sklearn-compare trains vigil's random forest and logistic
// regression on NSL-KDD (KDDTrain+ → KDDTest+, 5 classes: normal, dos,
// probe, r2l, u2r) and prints quality and timing as JSON, for comparison
// with compare.py, which does the same with scikit-learn.
//
//	go run ./bench/sklearn -data ../shared/datasets/network/nsl-kdd
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/vigilsec/vigil/internal/ml/features"
	"github.com/vigilsec/vigil/internal/ml/forest"
	"github.com/vigilsec/vigil/internal/ml/linear"
	"github.com/vigilsec/vigil/internal/ml/metrics"
	"github.com/vigilsec/vigil/internal/ml/vec"
)

func main() {
	dir := flag.String("data", "../shared/datasets/network/nsl-kdd", "NSL-KDD directory")
	flag.Parse()
	if err := run(*dir); err != nil {
		fmt.Fprintln(os.Stderr, "sklearn-compare:", err)
		os.Exit(1)
	}
}

type result struct {
	Model      string  `json:"model"`
	Accuracy   float64 `json:"accuracy"`
	MacroF1    float64 `json:"macro_f1"`
	FitSeconds float64 `json:"fit_s"`
	PredictUS  float64 `json:"predict_us_per_row"`
}

func run(dir string) error {
	train, test, err := load(dir)
	if err != nil {
		return err
	}
	rf, err := runForest(train, test)
	if err != nil {
		return err
	}
	lr, err := runLinear(train, test)
	if err != nil {
		return err
	}
	return json.NewEncoder(os.Stdout).Encode([]result{rf, lr})
}

func runForest(train, test *dataset) (result, error) {
	cfg := forest.DefaultConfig()
	start := time.Now()
	f, err := forest.Train(train.X, train.y, len(classes), cfg)
	if err != nil {
		return result{}, err
	}
	fit := time.Since(start)
	pred, scratch := make([]int, test.X.Rows), make([]float32, len(classes))
	start = time.Now()
	for i := range pred {
		pred[i] = f.Predict(test.X.Row(i), scratch)
	}
	return score("vigil forest (100 trees, 2 workers)", test.y, pred, fit, time.Since(start)), nil
}

func runLinear(train, test *dataset) (result, error) {
	start := time.Now()
	sc, err := features.FitScaler(train.X)
	if err != nil {
		return result{}, err
	}
	sc.Transform(train.X)
	sc.Transform(test.X)
	cfg := linear.DefaultConfig()
	cfg.Epochs, cfg.BatchSize, cfg.Balanced, cfg.Patience = 10, 256, false, 0
	m, _, err := linear.Train(train.X.Cols, len(classes), sparse(train), linear.Dataset{}, cfg)
	if err != nil {
		return result{}, err
	}
	fit := time.Since(start)
	ts := sparse(test)
	pred, scratch := make([]int, len(ts.X)), make([]float32, len(classes))
	start = time.Now()
	for i, x := range ts.X {
		pred[i] = m.Predict(x, scratch)
	}
	return score("vigil linear (AdamW, 10 epochs)", test.y, pred, fit, time.Since(start)), nil
}

func sparse(d *dataset) linear.Dataset {
	out := linear.Dataset{Y: d.y}
	idx := make([]uint32, d.X.Cols)
	for j := range idx {
		idx[j] = uint32(j)
	}
	for i := range d.X.Rows {
		out.X = append(out.X, vec.Sparse{Index: idx, Value: d.X.Row(i)})
	}
	return out
}

func score(name string, y, pred []int, fit, predict time.Duration) result {
	return result{
		Model: name, Accuracy: metrics.Accuracy(y, pred), MacroF1: metrics.MacroF1(y, pred, len(classes)),
		FitSeconds: fit.Seconds(), PredictUS: float64(predict.Microseconds()) / float64(len(y)),
	}
}
