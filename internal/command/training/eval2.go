package training

import (
	"math"

	"github.com/vigilsec/vigil/internal/command/detect"
	"github.com/vigilsec/vigil/internal/ml/metrics"
)

// Tier2Eval holds technique attribution accuracy at ranks 1, 3 and 5 with
// 95% bootstrap CIs.
type Tier2Eval struct {
	N    int              `json:"n"`
	Top1 metrics.Interval `json:"top1"`
	Top3 metrics.Interval `json:"top3"`
	Top5 metrics.Interval `json:"top5"`
	// Unknown counts rows whose technique is not a Tier-2 class.
	Unknown int `json:"unknown_technique"`
}

// EvaluateTier2 ranks techniques for every row with the full detector
// (raw and decoded views merged) and scores the rank of the true parent
// technique.
func EvaluateTier2(det *detect.Detector, rows []Row, prog Progress) (*Tier2Eval, error) {
	known := map[string]bool{}
	for _, t := range det.Models().Techniques {
		known[t] = true
	}
	rank := make([]int, len(rows)) // 1-based rank of the truth, or a large number
	forEach(len(rows), "techniques", prog, func(_, i int) {
		rank[i] = math.MaxInt32
		for k, t := range det.Verdict(rows[i].an).Techniques {
			if t.ID == rows[i].Parent() {
				rank[i] = k + 1
			}
		}
	})
	e := &Tier2Eval{N: len(rows)}
	for _, r := range rows {
		if !known[r.Parent()] {
			e.Unknown++
		}
	}
	b := bootstrapper{n: len(rows)}
	at := func(k int) metrics.MetricFunc {
		return func(idx []int) float64 {
			hit := 0
			for _, i := range idx {
				if rank[i] <= k {
					hit++
				}
			}
			return float64(hit) / float64(len(idx))
		}
	}
	e.Top1, e.Top3, e.Top5 = b.run(at(1)), b.run(at(3)), b.run(at(5))
	return e, b.err
}
