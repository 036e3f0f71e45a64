package features

import (
	"fmt"
	"math"

	"github.com/vigilsec/vigil/internal/ml/vec"
)

// FitIDF computes smoothed inverse document frequencies over docs,
// idf(t) = ln((1+N)/(1+df(t))) + 1 (scikit-learn's smooth_idf), one weight
// per hashed bucket. Buckets never seen get the largest weight, ln(1+N)+1.
func FitIDF(schema Schema, docs []string) ([]float32, error) {
	plain := schema
	plain.IDF = false
	v, err := NewVectorizer(plain, nil)
	if err != nil {
		return nil, fmt.Errorf("fit idf: %w", err)
	}
	df := make([]int32, schema.Dim())
	var x vec.Sparse
	for _, d := range docs {
		x = v.counts(d, x)
		for _, ix := range x.Index {
			df[ix]++
		}
	}
	idf := make([]float32, len(df))
	n := float64(len(docs))
	for i, c := range df {
		idf[i] = float32(math.Log((1+n)/(1+float64(c))) + 1)
	}
	return idf, nil
}
