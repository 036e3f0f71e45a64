package training

import (
	"github.com/vigilsec/vigil/internal/command"
	"github.com/vigilsec/vigil/internal/command/features"
	"github.com/vigilsec/vigil/internal/ml/vec"
)

// vectorize computes the features of analyses under one schema and view,
// in parallel.
func vectorize(ans []*command.Analysis, s features.Schema, v features.View, prog Progress) ([]vec.Sparse, error) {
	fz := make([]*features.Featurizer, workers(len(ans)))
	for i := range fz {
		f, err := features.NewFeaturizer(s)
		if err != nil {
			return nil, err
		}
		fz[i] = f
	}
	out := make([]vec.Sparse, len(ans))
	forEach(len(ans), "features", prog, func(w, i int) {
		out[i] = fz[w].Vector(ans[i], v, vec.Sparse{})
	})
	return out, nil
}
