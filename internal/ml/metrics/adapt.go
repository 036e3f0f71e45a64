package metrics

// OnLabels adapts a metric over (yTrue, yPred) to a MetricFunc for the
// bootstrap. The resampled label slices are reused between calls, so f must
// not keep them.
func OnLabels(yTrue, yPred []int, f func(yTrue, yPred []int) float64) MetricFunc {
	t, p := make([]int, len(yTrue)), make([]int, len(yTrue))
	return func(idx []int) float64 {
		t, p = t[:len(idx)], p[:len(idx)]
		for i, j := range idx {
			t[i], p[i] = yTrue[j], yPred[j]
		}
		return f(t, p)
	}
}

// OnScores adapts a metric over (yTrue, scores) to a MetricFunc; score rows
// are shared with the caller, not copied.
func OnScores(yTrue []int, scores [][]float64, f func(yTrue []int, scores [][]float64) float64) MetricFunc {
	t, s := make([]int, len(yTrue)), make([][]float64, len(yTrue))
	return func(idx []int) float64 {
		t, s = t[:len(idx)], s[:len(idx)]
		for i, j := range idx {
			t[i], s[i] = yTrue[j], scores[j]
		}
		return f(t, s)
	}
}
