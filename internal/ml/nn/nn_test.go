package nn

import (
	"slices"
	"strings"
	"testing"

	"github.com/vigilsec/vigil/internal/ml/metrics"
)

func TestTrainLearnsSeparableProblem(t *testing.T) {
	needsGoMLX(t)
	m, rep, err := Train(classes, synthetic(600, 0, 1), synthetic(200, 0, 2), quickConfig())
	if err != nil {
		t.Fatal(err)
	}
	test := synthetic(300, 0, 3)
	if f1 := metrics.MacroF1(test.Y, m.Evaluate(test), classes); f1 < 0.97 {
		t.Errorf("test macro-F1 = %.3f, want ≥ 0.97 (history %+v)", f1, rep.History)
	}
}

func TestTrainNoisyProblemKeepsBestEpoch(t *testing.T) {
	needsGoMLX(t)
	val := synthetic(200, 0.3, 5)
	cfg := quickConfig()
	cfg.Epochs, cfg.Patience = 6, 2
	m, rep, err := Train(classes, synthetic(500, 0.3, 4), val, cfg)
	if err != nil {
		t.Fatal(err)
	}
	test := synthetic(300, 0, 6) // clean labels: what the model should have learnt
	if f1 := metrics.MacroF1(test.Y, m.Evaluate(test), classes); f1 < 0.85 {
		t.Errorf("clean test macro-F1 = %.3f, want ≥ 0.85", f1)
	}
	t.Run("the returned weights are the best epoch's", func(t *testing.T) {
		best := 0.0
		for _, h := range rep.History {
			best = max(best, h.ValMacroF1)
		}
		got := metrics.MacroF1(val.Y, m.Evaluate(val), classes)
		if rep.BestValF1 != best || got != best || rep.History[rep.BestEpoch].ValMacroF1 != best {
			t.Errorf("final val F1 %.4f, best in history %.4f, report %.4f at %d", got, best, rep.BestValF1, rep.BestEpoch)
		}
	})
	t.Run("patience stops training", func(t *testing.T) {
		if rep.StoppedEarly && len(rep.History) != rep.BestEpoch+1+cfg.Patience {
			t.Errorf("stopped after %d epochs, best %d", len(rep.History), rep.BestEpoch)
		}
	})
}

func TestTrainIsDeterministic(t *testing.T) {
	needsGoMLX(t)
	cfg := quickConfig()
	cfg.Epochs = 2
	train, val := synthetic(150, 0.1, 1), synthetic(50, 0.1, 2)
	a, _, errA := Train(classes, train, val, cfg)
	b, _, errB := Train(classes, train, val, cfg)
	if errA != nil || errB != nil {
		t.Fatal(errA, errB)
	}
	pa, pb := a.ps, b.ps
	for i := range pa {
		if !slices.Equal(pa[i].data, pb[i].data) {
			t.Errorf("same seed, different %s", pa[i].name)
		}
	}
	cfg.Seed = 2
	c, _, _ := Train(classes, train, val, cfg)
	if slices.Equal(c.embed(), a.embed()) {
		t.Error("a different seed gave the same embedding")
	}
}

func TestTrainReportsProgress(t *testing.T) {
	needsGoMLX(t)
	cfg := quickConfig()
	cfg.Epochs, cfg.BatchSize, cfg.Patience = 2, 32, 0
	var steps []StepStats
	var epochs []EpochStats
	cfg.Progress = func(s StepStats) { steps = append(steps, s) }
	cfg.Log = func(s EpochStats) { epochs = append(epochs, s) }
	_, rep, err := Train(classes, synthetic(70, 0, 1), Dataset{}, cfg) // 3 batches, the last one short
	if err != nil {
		t.Fatal(err)
	}
	if len(steps) != 6 || len(epochs) != 2 || len(rep.History) != 2 {
		t.Fatalf("%d step and %d epoch callbacks, %d history entries; want 6, 2, 2", len(steps), len(epochs), len(rep.History))
	}
	for i, s := range steps {
		if s.Step != i+1 || s.TotalSteps != 6 || s.Epoch != i/3 || !(s.Loss > 0) || !(s.LR > 0) {
			t.Errorf("step callback %d: %+v", i, s)
		}
	}
	if !(epochs[1].Loss < epochs[0].Loss) {
		t.Errorf("training loss did not fall: %v then %v", epochs[0].Loss, epochs[1].Loss)
	}
}

func TestTrainRejectsBadInput(t *testing.T) {
	d := synthetic(10, 0, 1)
	cases := map[string]struct {
		k      int
		mutate func(*Config)
		train  Dataset
	}{
		"zero epochs":            {3, func(c *Config) { c.Epochs = 0 }, d},
		"zero learning rate":     {3, func(c *Config) { c.LR = 0 }, d},
		"wrong class weights":    {3, func(c *Config) { c.ClassWeights = []float64{1} }, d},
		"one class":              {1, func(*Config) {}, d},
		"no convolution widths":  {3, func(c *Config) { c.Arch.Widths = nil }, d},
		"width over the limit":   {3, func(c *Config) { c.Arch.Widths = []int{2, 17} }, d},
		"no examples":            {3, func(*Config) {}, Dataset{}},
		"label outside classes":  {2, func(*Config) {}, d},
		"labels missing":         {3, func(*Config) {}, Dataset{X: d.X, Y: d.Y[:5]}},
		"unknown gomlx backend":  {3, func(c *Config) { c.Backend = "no-such-backend" }, d},
		"bad go backend options": {3, func(c *Config) { c.Backend = "go:warp_speed" }, d},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			needsGoMLX(t)
			c := quickConfig()
			tc.mutate(&c)
			_, _, err := Train(tc.k, tc.train, Dataset{}, c)
			if err == nil {
				t.Fatal("accepted")
			}
			t.Log(err)
		})
	}
}

func TestTrainReportsDivergence(t *testing.T) {
	needsGoMLX(t)
	cfg := quickConfig()
	cfg.LR, cfg.ClipNorm, cfg.WarmupFrac = 1e30, 0, 0
	_, _, err := Train(classes, synthetic(100, 0, 1), Dataset{}, cfg)
	if err == nil || !strings.Contains(err.Error(), "diverged") {
		t.Errorf("err = %v, want a divergence error", err)
	}
}

func TestBackendConfig(t *testing.T) {
	cases := []struct{ in, env, want string }{
		{"", "", "go:ops_sequential"},
		{"", "go", "go:ops_sequential"},
		{"go:parallelism=1", "", "go:parallelism=1,ops_sequential"},
		{"go:ops_parallel", "", "go:ops_parallel"},
		{"xla:cuda", "", "xla:cuda"},
		{"go:ops_sequential", "xla", "go:ops_sequential"},
	}
	for _, tc := range cases {
		t.Run(tc.in+" with GOMLX_BACKEND="+tc.env, func(t *testing.T) {
			t.Setenv("GOMLX_BACKEND", tc.env)
			if got := backendConfig(tc.in); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestCalibrateSetsTemperature(t *testing.T) {
	needsGoMLX(t)
	m, _, err := Train(classes, synthetic(300, 0.2, 1), synthetic(100, 0.2, 2), quickConfig())
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Calibrate(synthetic(200, 0.2, 3)); err != nil || m.Temperature == 1 {
		t.Fatalf("temperature %v, err %v", m.Temperature, err)
	}
	p := m.Proba("please rm -rf this", make([]float32, classes))
	if sum := p[0] + p[1] + p[2]; sum < 0.999 || sum > 1.001 || metrics.Argmax(p) != 2 {
		t.Errorf("probabilities %v", p)
	}
	if got := m.Predict(strings.ToUpper("x") + " evil twin"); got != 1 {
		t.Errorf("Predict = %d, want 1", got)
	}
}
