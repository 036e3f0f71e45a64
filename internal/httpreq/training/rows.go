package training

import (
	"github.com/vigilsec/vigil/internal/httpreq/dataset"
	"github.com/vigilsec/vigil/internal/httpreq/features"
	"github.com/vigilsec/vigil/internal/httpreq/normalize"
	"github.com/vigilsec/vigil/internal/ml/vec"
)

// Row is an example normalised once, with its model text.
type Row struct {
	dataset.Example
	Res  *normalize.Result
	Text string
}

// prepare normalises examples in parallel.
func prepare(ex []dataset.Example, prog Progress) []Row {
	rows := make([]Row, len(ex))
	lim := normalize.DefaultLimits()
	forEach(len(ex), "normalise", prog, func(_, i int) {
		res := normalize.Request(ex[i].Req, lim)
		rows[i] = Row{Example: ex[i], Res: res, Text: features.Text(res)}
	})
	return rows
}

// vectorize computes the features of rows under one schema, in parallel.
func vectorize(rows []Row, s features.Schema, prog Progress) ([]vec.Sparse, error) {
	fz := make([]*features.Featurizer, workers(len(rows)))
	for i := range fz {
		f, err := features.NewFeaturizer(s)
		if err != nil {
			return nil, err
		}
		fz[i] = f
	}
	out := make([]vec.Sparse, len(rows))
	forEach(len(rows), "features", prog, func(w, i int) {
		out[i] = fz[w].Vector(rows[i].Text, rows[i].Res, vec.Sparse{})
	})
	return out, nil
}

func labels(rows []Row) []int {
	y := make([]int, len(rows))
	for i, r := range rows {
		y[i] = r.Label
	}
	return y
}

func pick[T any](xs []T, idx []int) []T {
	out := make([]T, len(idx))
	for j, i := range idx {
		out[j] = xs[i]
	}
	return out
}
