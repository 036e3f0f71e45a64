package training

import (
	"github.com/vigilsec/vigil/internal/httpreq/dataset"
	"github.com/vigilsec/vigil/internal/httpreq/detect"
	"github.com/vigilsec/vigil/internal/ml/charlm"
)

// trainAnomaly fits the n-gram surprisal model on the normal CSIC requests
// of the binary training part (normal traffic only, no attack is seen) and
// its percentiles on the normal CSIC requests of the validation part.
func trainAnomaly(pool []Row, b *Binary, cfg Config) (*charlm.Model, error) {
	normal := func(idx []int) []string {
		var out []string
		for _, i := range idx {
			if pool[i].Source == dataset.CSIC && pool[i].Label == dataset.Normal {
				out = append(out, pool[i].Text)
			}
		}
		return out
	}
	m, err := charlm.Train(normal(b.Parts.Train), cfg.Anomaly)
	if err != nil {
		return nil, err
	}
	m.Calibrate(normal(b.Parts.Val))
	return m, nil
}

// trainProfile collects the methods per path of the normal CSIC training
// requests (normal traffic only).
func trainProfile(pool []Row) *detect.Profile {
	var pairs [][2]string
	for _, r := range pool {
		if r.Source == dataset.CSIC && r.Label == dataset.Normal {
			pairs = append(pairs, [2]string{r.Req.Method, r.Req.Path})
		}
	}
	return detect.NewProfile(pairs)
}
