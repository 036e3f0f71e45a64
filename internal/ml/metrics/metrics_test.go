package metrics

import (
	"math"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 || (math.IsNaN(a) && math.IsNaN(b)) }

func TestClassification(t *testing.T) {
	yTrue := []int{0, 0, 0, 1, 1, 2}
	yPred := []int{0, 0, 1, 1, 2, 2}
	cm := Confusion(yTrue, yPred, 3)
	want := [][]int{{2, 1, 0}, {0, 1, 1}, {0, 0, 1}}
	for i := range want {
		for j := range want[i] {
			if cm[i][j] != want[i][j] {
				t.Fatalf("confusion = %v, want %v", cm, want)
			}
		}
	}
	per := PerClass(cm)
	// class 0: P 2/2, R 2/3; class 1: P 1/2, R 1/2; class 2: P 1/2, R 1/1.
	f0, f1, f2 := 2*1*(2.0/3)/(1+2.0/3), 0.5, 2*0.5*1/(1.5)
	tests := []struct {
		name      string
		got, want float64
	}{
		{"accuracy", Accuracy(yTrue, yPred), 4.0 / 6},
		{"precision of class 0", per[0].Precision, 1},
		{"recall of class 0", per[0].Recall, 2.0 / 3},
		{"F1 of class 1", per[1].F1, f1},
		{"F1 of class 2", per[2].F1, f2},
		{"macro F1", MacroF1(yTrue, yPred, 3), (f0 + f1 + f2) / 3},
		{"macro F1 skips classes absent from both", MacroF1([]int{0, 1}, []int{0, 1}, 5), 1},
		{"precision of a never-predicted class is 0", PerClass(Confusion([]int{1}, []int{0}, 2))[1].Precision, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !near(tc.got, tc.want) {
				t.Errorf("got %v, want %v", tc.got, tc.want)
			}
		})
	}
}

func labels(ys ...int) []bool {
	out := make([]bool, len(ys))
	for i, y := range ys {
		out[i] = y == 1
	}
	return out
}

func TestRanking(t *testing.T) {
	tests := []struct {
		name    string
		y       []bool
		s       []float64
		auc, ap float64
	}{
		{"scikit-learn docs example", labels(0, 0, 1, 1), []float64{0.1, 0.4, 0.35, 0.8}, 0.75, 0.5*1 + 0.5*(2.0/3)},
		{"perfect ranking", labels(0, 1), []float64{0.2, 0.9}, 1, 1},
		{"reversed ranking", labels(1, 0), []float64{0.2, 0.9}, 0, 0.5},
		{"all scores tied", labels(0, 1, 0, 1), []float64{0.5, 0.5, 0.5, 0.5}, 0.5, 0.5},
		// pairs: (0.8 vs 0.8) ½, (0.3 vs 0.8) 0 → ¼; PR: (R ½, P ½), (R 1, P ⅔).
		{"tie between a positive and a negative", labels(1, 0, 1), []float64{0.8, 0.8, 0.3}, 0.25, 0.25 + 1.0/3},
		{"one class only is undefined", labels(1, 1), []float64{0.1, 0.2}, math.NaN(), 1},
		{"no positives is undefined", labels(0, 0), []float64{0.1, 0.2}, math.NaN(), math.NaN()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := ROCAUC(tc.y, tc.s); !near(got, tc.auc) {
				t.Errorf("ROCAUC = %v, want %v", got, tc.auc)
			}
			if got := AveragePrecision(tc.y, tc.s); !near(got, tc.ap) {
				t.Errorf("AveragePrecision = %v, want %v", got, tc.ap)
			}
		})
	}
}

func TestOneVsRest(t *testing.T) {
	y := []int{0, 1, 2, 2}
	scores := [][]float64{{0.8, 0.1, 0.1}, {0.3, 0.6, 0.1}, {0.1, 0.2, 0.7}, {0.5, 0.1, 0.4}}
	macro, per := OneVsRest(ROCAUC, y, scores)
	// class 0: positive 0.8 beats 0.3, 0.1, 0.5 → 1. class 1: 0.6 top → 1.
	// class 2: positives 0.7, 0.4 vs negatives 0.1, 0.1 → 1.
	if !near(macro, 1) || !near(per[2], 1) {
		t.Errorf("macro %v per %v", macro, per)
	}
	t.Run("class absent from labels is skipped", func(t *testing.T) {
		macro, per := OneVsRest(ROCAUC, []int{0, 0, 1}, [][]float64{{0.9, 0.1, 0}, {0.2, 0.8, 0}, {0.1, 0.9, 0}})
		if !math.IsNaN(per[2]) || !near(macro, 1) || !near(per[1], 1) {
			t.Errorf("macro %v per %v", macro, per)
		}
	})
}

func TestECE(t *testing.T) {
	tests := []struct {
		name  string
		y     []int
		probs [][]float64
		want  float64
	}{
		{"confident and right is calibrated", []int{0, 1}, [][]float64{{1, 0}, {0, 1}}, 0},
		// bin 0.9: conf 0.9, acc 0.5 → 0.4 weighted fully.
		{"overconfident half wrong", []int{0, 1}, [][]float64{{0.9, 0.1}, {0.9, 0.1}}, 0.4},
		// bins differ: {0.6 right} gap 0.4, {0.95 wrong} gap 0.95 → (0.4+0.95)/2.
		{"two bins averaged by count", []int{0, 1}, [][]float64{{0.6, 0.4}, {0.95, 0.05}}, 0.675},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := ECE(tc.y, tc.probs, ECEBins); !near(got, tc.want) {
				t.Errorf("ECE = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestTopK(t *testing.T) {
	y := []int{2, 0, 1}
	s := [][]float64{{0.5, 0.2, 0.3}, {0.6, 0.3, 0.1}, {0.1, 0.1, 0.8}}
	tests := []struct {
		k    int
		want float64
	}{{1, 1.0 / 3}, {2, 2.0 / 3}, {3, 1}}
	for _, tc := range tests {
		if got := TopK(y, s, tc.k); !near(got, tc.want) {
			t.Errorf("top-%d = %v, want %v", tc.k, got, tc.want)
		}
	}
}
