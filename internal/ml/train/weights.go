package train

// ClassWeights returns the per-class loss weights for labels y over k
// classes: a copy of explicit when it is given, balanced weights
// n / (k·n_c) when balanced is set (so every class carries the same total
// weight), and 1 for every class otherwise.
func ClassWeights(y []int, k int, explicit []float64, balanced bool) []float64 {
	w := make([]float64, k)
	switch {
	case explicit != nil:
		copy(w, explicit)
	case balanced:
		n := make([]int, k)
		for _, v := range y {
			n[v]++
		}
		for i := range w {
			w[i] = float64(len(y)) / float64(k*max(n[i], 1))
		}
	default:
		for i := range w {
			w[i] = 1
		}
	}
	return w
}
