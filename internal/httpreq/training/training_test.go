package training

import (
	"fmt"
	"math"
	"testing"

	"github.com/vigilsec/vigil/internal/httpreq"
	"github.com/vigilsec/vigil/internal/httpreq/dataset"
	"github.com/vigilsec/vigil/internal/httpreq/detect"
)

func TestBestThreshold(t *testing.T) {
	y := []int{1, 1, 1, 0, 0, 0, 0}
	s := []float64{0.9, 0.8, 0.4, 0.5, 0.3, 0.2, 0.1}
	op := bestThreshold(y, s, 0)
	if op.FPR != 0 || math.Abs(op.Threshold-0.65) > 1e-9 || math.Abs(op.F1-0.8) > 1e-9 {
		t.Errorf("at FPR 0: %+v", op)
	}
	if op := bestThreshold(y, s, 0.25); math.Abs(op.F1-6.0/7) > 1e-9 {
		t.Errorf("at FPR 0.25: %+v", op)
	}
}

func TestTuneCombine(t *testing.T) {
	y := []int{1, 1, 1, 0, 0, 0}
	pl := []float64{0.9, 0.6, 0.55, 0.58, 0.1, 0.2} // linear confuses rows 2 and 3
	pc := []float64{0.9, 0.8, 0.9, 0.1, 0.1, 0.1}   // the CNN does not
	c := tuneCombine(y, pl, pc, 0)
	if c.Weight == 1 {
		t.Fatalf("CNN ignored: %+v", c)
	}
	for i := range y {
		score := c.Score(pl[i], pc[i], c.NeedsCNN(pl[i]))
		if (score >= c.Threshold) != (y[i] == 1) {
			t.Errorf("row %d misclassified by the cascade: %+v", i, c)
		}
	}
	if c := tuneCombine(y, pl, nil, 0); c.Weight != 1 || c.CascadeLo <= c.CascadeHi {
		t.Errorf("linear only: %+v", c)
	}
}

// smallPool builds a tiny pool: synthetic normal requests and synthetic
// attacks from a handful of hand-written fragments.
func smallPool() []dataset.Example {
	var frags []dataset.Example
	add := func(typ string, xs ...string) {
		for _, x := range xs {
			for i := range 12 {
				frags = append(frags, dataset.Example{Req: &httpreq.Request{Query: fmt.Sprintf(x, i)}, Label: dataset.Attack, Type: typ, Source: "test"})
			}
		}
	}
	add("sqli", "%d' OR '1'='1", "%d UNION SELECT password FROM users--", "%d; DROP TABLE users--")
	add("xss", "<script>alert(%d)</script>", "<img src=x onerror=alert(%d)>", "\"><svg onload=alert(%d)>")
	add("traversal", "../../../../etc/passwd%%00%d", "..%%2f..%%2f..%%2fwindows/win.ini?%d")
	return append(dataset.SyntheticRequests(300, nil, 1), dataset.SyntheticRequests(0, frags, 2)...)
}

// TestSmallRun trains every stage but the CNN on a tiny pool and checks
// the assembled detector separates held-out synthetic traffic.
func TestSmallRun(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Binary.Epochs, cfg.Type.Epochs, cfg.CNN.Epochs, cfg.Cross = 4, 4, 0, nil
	cfg.MaxFPR = 0.05
	rows := prepare(smallPool(), nil)
	for i := range rows {
		if i%3 == 0 {
			rows[i].Source = dataset.CSIC // the tuning and anomaly rows
		}
	}
	X, err := vectorize(rows, detect.BinarySchema, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := trainBinary(rows, X, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	res := &Result{Binary: b, TypeRows: map[string]int{}}
	if res.Anomaly, err = trainAnomaly(rows, b, cfg); err != nil {
		t.Fatal(err)
	}
	var typed []dataset.Example
	for _, r := range rows {
		if r.Label == dataset.Attack {
			typed = append(typed, r.Example)
		}
	}
	if err := res.trainType(typed, nil, cfg, nil); err != nil {
		t.Fatal(err)
	}
	det, err := detect.New(res.Models)
	if err != nil {
		t.Fatal(err)
	}
	test := prepare(append(dataset.SyntheticRequests(60, nil, 9), dataset.SyntheticRequests(0, smallPool()[300:], 10)...), nil)
	e, err := EvaluateRows(det, "synthetic", test, nil)
	if err != nil {
		t.Fatal(err)
	}
	if e.Deployed.F1.Estimate < 0.9 {
		t.Errorf("F1 %.3f on synthetic traffic: %+v", e.Deployed.F1.Estimate, e.Deployed)
	}
}

func TestTrainSiteAnomaly(t *testing.T) {
	normal := prepare(dataset.SyntheticRequests(400, nil, 4), nil)
	s, err := TrainSiteAnomaly(normal, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	if s.Train+s.Calib != 400 || s.Profile == nil {
		t.Fatalf("%+v", s)
	}
	odd := prepare([]dataset.Example{{Req: &httpreq.Request{Method: "GET", Path: "/search", Query: "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E"}}}, nil)[0]
	if p := s.Model.Percentile(s.Model.Score(odd.Text)); p < 0.9 {
		t.Errorf("injected request at percentile %.3f", p)
	}
	if _, err := TrainSiteAnomaly(normal[:50], DefaultConfig()); err == nil {
		t.Error("50 requests accepted")
	}
	dir := t.TempDir()
	if err := s.Save(dir, nil); err != nil {
		t.Fatal(err)
	}
}
