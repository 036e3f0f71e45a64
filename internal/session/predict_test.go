package session

import (
	"errors"
	"math"
	"reflect"
	"testing"
)

func nan() float64 { return math.NaN() }

// TestFastPathMatchesTheForestPackages checks that the flattened forests
// answer bit for bit what forest.Proba and iforest.Score answer.
func TestFastPathMatchesTheForestPackages(t *testing.T) {
	d, _ := trained(t)
	for i, f := range rowsOfExamples(Generate(400, 4)) {
		var x row
		f.row(x[:NumFeatures])
		d.scaler.TransformRow(x[:NumFeatures])
		var fo forestOut
		d.fast.score(&x, &fo)
		var want [NumClasses]float32
		d.rf.Proba(x[:NumFeatures], want[:])
		if fo.prob != want {
			t.Fatalf("row %d: fast %v, forest %v", i, fo.prob, want)
		}
		if s, want := d.fastIso.score(&x), d.iso.Score(x[:NumFeatures]); s != want {
			t.Fatalf("row %d: fast isolation %v, iforest %v", i, s, want)
		}
	}
}

func TestContributionsAddUpToTheConfidence(t *testing.T) {
	d, _ := trained(t)
	for _, f := range rowsOfExamples(Generate(200, 6)) {
		p, err := d.Predict(f)
		if err != nil {
			t.Fatal(err)
		}
		sum := float64(d.fast.base[ClassIndex(p.AttackType)])
		for _, c := range p.Contributions {
			sum += c.Delta
		}
		if math.Abs(sum-p.Confidence) > 1e-3 {
			t.Fatalf("%+v: base + deltas = %.4f, confidence %.4f", f, sum, p.Confidence)
		}
		for i := 1; i < len(p.Contributions); i++ {
			if math.Abs(p.Contributions[i].Delta) > math.Abs(p.Contributions[i-1].Delta) {
				t.Fatalf("contributions not sorted by |delta|: %+v", p.Contributions)
			}
		}
	}
}

func TestPredictBatchMatchesPredict(t *testing.T) {
	d, _ := trained(t)
	// 37 is not a multiple of the 8 rows walked together; 600 spans
	// several blocks of batchBlock rows.
	for _, n := range []int{1, 37, 600} {
		rows := rowsOfExamples(Generate(n, 8))
		batch, err := d.PredictBatch(rows)
		if err != nil {
			t.Fatal(err)
		}
		for i, f := range rows {
			p, _ := d.Predict(f)
			if !reflect.DeepEqual(p, batch[i]) {
				t.Fatalf("%d rows, row %d: batch %+v, single %+v", n, i, batch[i], p)
			}
		}
	}
	if out, err := d.PredictBatch(nil); err != nil || len(out) != 0 {
		t.Fatalf("empty batch: %v, %v", out, err)
	}
}

func TestPredictRejectsInvalidFeatures(t *testing.T) {
	d, _ := trained(t)
	var ve *ValidationError
	if _, err := d.Predict(Features{FailedLogins: -1, RequestRate: 50, SessionTime: 300}); !errors.As(err, &ve) || ve.Errors[0].Field != "failed_logins" {
		t.Fatalf("err = %v", err)
	}
	rows := []Features{{RequestRate: 1, SessionTime: 10}, {RequestRate: 0, SessionTime: 10}}
	_, err := d.PredictBatch(rows)
	if !errors.As(err, &ve) || len(ve.Errors) != 1 || ve.Errors[0].Field != "[1].request_rate" {
		t.Fatalf("batch err = %v", err)
	}
}

func TestPredictionFields(t *testing.T) {
	d, _ := trained(t)
	p, err := d.Predict(Features{FailedLogins: 120, RequestRate: 20, SessionTime: 550})
	if err != nil {
		t.Fatal(err)
	}
	var sum float64
	for _, v := range p.Probabilities {
		sum += v
	}
	switch {
	case math.Abs(sum-1) > 1e-3:
		t.Errorf("probabilities sum to %v", sum)
	case p.Confidence != p.Probabilities[ClassIndex(p.AttackType)]:
		t.Errorf("confidence %v is not P(%s)", p.Confidence, p.AttackType)
	case p.RiskScore < MinRisk || p.RiskScore > MaxRisk:
		t.Errorf("risk %d", p.RiskScore)
	case p.AnomalyScore <= 0 || p.AnomalyScore >= 1 || p.AnomalyRisk < 0 || p.AnomalyRisk > 5:
		t.Errorf("anomaly %v risk %v", p.AnomalyScore, p.AnomalyRisk)
	case len(p.Contributions) != NumFeatures || p.Explanation == "":
		t.Errorf("no explanation: %+v", p)
	}
}
