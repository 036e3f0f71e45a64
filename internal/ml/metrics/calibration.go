package metrics

import "math"

// ECEBins is the conventional number of equal-width confidence bins.
const ECEBins = 15

// ECE returns the expected calibration error of probs over equal-width
// confidence bins: Σ_b (n_b/N)·|accuracy_b − confidence_b|, where an
// example's confidence is its largest probability and it is correct when
// that class is the true one. NaN for no examples.
func ECE(yTrue []int, probs [][]float64, bins int) float64 {
	if len(yTrue) == 0 || bins <= 0 {
		return math.NaN()
	}
	count := make([]float64, bins)
	conf := make([]float64, bins)
	correct := make([]float64, bins)
	for i, p := range probs {
		c := Argmax(p)
		b := min(int(p[c]*float64(bins)), bins-1) // confidence 1.0 goes in the top bin
		b = max(b, 0)
		count[b]++
		conf[b] += p[c]
		if c == yTrue[i] {
			correct[b]++
		}
	}
	ece := 0.0
	for b := range bins {
		if count[b] > 0 {
			ece += math.Abs(correct[b]-conf[b]) / float64(len(yTrue))
		}
	}
	return ece
}

// TopK returns the share of examples whose true class is among the k
// highest scores (ties broken towards the lower class index).
func TopK(yTrue []int, scores [][]float64, k int) float64 {
	hit := 0
	for i, s := range scores {
		t, above := yTrue[i], 0
		for c, v := range s {
			if v > s[t] || (v == s[t] && c < t) {
				above++
			}
		}
		if above < k {
			hit++
		}
	}
	return float64(hit) / float64(len(yTrue))
}
