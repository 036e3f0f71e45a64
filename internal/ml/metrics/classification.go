package metrics

// Confusion returns the k×k confusion matrix: m[t][p] counts examples of
// true class t predicted as p. Labels outside [0, k) are ignored.
func Confusion(yTrue, yPred []int, k int) [][]int {
	m := make([][]int, k)
	for i := range m {
		m[i] = make([]int, k)
	}
	for i, t := range yTrue {
		if p := yPred[i]; t >= 0 && t < k && p >= 0 && p < k {
			m[t][p]++
		}
	}
	return m
}

// Accuracy returns the share of equal labels (NaN for no examples).
func Accuracy(yTrue, yPred []int) float64 {
	hit := 0
	for i, t := range yTrue {
		if yPred[i] == t {
			hit++
		}
	}
	return float64(hit) / float64(len(yTrue))
}

// ClassScores are the one-vs-rest scores of one class.
type ClassScores struct {
	Precision, Recall, F1 float64
	Support               int // true examples of the class
}

// PerClass derives precision, recall and F1 per class from a confusion
// matrix. A ratio with a zero denominator is 0, as in scikit-learn's
// zero_division=0.
func PerClass(cm [][]int) []ClassScores {
	out := make([]ClassScores, len(cm))
	for c := range cm {
		tp, predicted, actual := cm[c][c], 0, 0
		for o := range cm {
			predicted += cm[o][c]
			actual += cm[c][o]
		}
		p, r := ratio(tp, predicted), ratio(tp, actual)
		f := 0.0
		if p+r > 0 {
			f = 2 * p * r / (p + r)
		}
		out[c] = ClassScores{Precision: p, Recall: r, F1: f, Support: actual}
	}
	return out
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// MacroF1 is the unweighted mean F1 over the classes that occur in yTrue or
// yPred (classes absent from both would only add undefined zeros).
func MacroF1(yTrue, yPred []int, k int) float64 {
	cm := Confusion(yTrue, yPred, k)
	sum, n := 0.0, 0
	for c, s := range PerClass(cm) {
		if s.Support > 0 || column(cm, c) > 0 {
			sum += s.F1
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}

func column(cm [][]int, c int) int {
	s := 0
	for _, row := range cm {
		s += row[c]
	}
	return s
}

// Argmax returns the index of the largest score (the first on ties).
func Argmax[T float32 | float64](s []T) int {
	best := 0
	for i, v := range s {
		if v > s[best] {
			best = i
		}
	}
	return best
}
