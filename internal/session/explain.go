package session

import (
	"math"
	"slices"
	"strconv"
)

// Contribution says how much one feature pushed the forest towards the
// predicted class.
type Contribution struct {
	Feature string  `json:"feature"`
	Value   int     `json:"value"`
	Typical float64 `json:"typical" doc:"the median over Normal training sessions"`
	// Delta is how much the forest's decisions on this feature moved the
	// probability of the predicted class, averaged over the trees
	// (Saabas' tree interpreter): positive when the value pushed towards
	// the verdict. The base rate plus every Delta is the confidence.
	Delta float64 `json:"delta"`
}

// contributions lists each feature's Delta for the predicted class: how much the
// forest's splits on that feature moved P(c) from the base rate (see
// fastForest). Base rate plus the Deltas is the confidence. Features are
// sorted by |Delta|, largest first; ties keep feature order.
func (d *Detector) contributions(raw [NumFeatures]float32, fo *forestOut, out []Contribution) []Contribution {
	for i := range NumFeatures {
		out[i] = Contribution{
			Feature: fields[i].Name, Value: int(raw[i]), Typical: float64(d.ref[i]),
			Delta: round4(float64(fo.contrib[i])),
		}
	}
	slices.SortStableFunc(out, func(a, b Contribution) int {
		switch da, db := math.Abs(a.Delta), math.Abs(b.Delta); {
		case da > db:
			return -1
		case da < db:
			return 1
		}
		return 0
	})
	return out
}

// explain writes one sentence for analysts: the verdict, the features
// that drove it and whether the session is unusual.
func (d *Detector) explain(p *Prediction) string {
	b := make([]byte, 0, 256)
	b = append(b, p.AttackType...)
	b = append(b, " (confidence "...)
	b = appendFixed2(b, p.Confidence)
	b = append(b, ", risk "...)
	b = strconv.AppendInt(b, int64(p.RiskScore), 10)
	b = append(b, "/10): "...)
	b = appendDrivers(b, p.Contributions)
	if p.IsAnomaly {
		b = append(b, "; anomalous, isolation score "...)
	} else {
		b = append(b, "; not anomalous, isolation score "...)
	}
	b = appendFixed2(b, p.AnomalyScore)
	b = append(b, " vs threshold "...)
	b = appendFixed2(b, d.iso.Threshold)
	return string(b)
}

// minDriver is the smallest Delta worth naming in an explanation.
const minDriver = 0.02

// appendDrivers names up to three features that pushed towards the
// verdict.
func appendDrivers(b []byte, cs []Contribution) []byte {
	n := 0
	for _, c := range cs {
		if c.Delta < minDriver || n == 3 {
			continue
		}
		if n == 0 {
			b = append(b, "driven by "...)
		} else {
			b = append(b, ", "...)
		}
		n++
		b = append(b, c.Feature...)
		b = append(b, '=')
		b = strconv.AppendInt(b, int64(c.Value), 10)
		b = append(b, " (typical "...)
		b = strconv.AppendFloat(b, c.Typical, 'f', -1, 64)
		b = append(b, ", +"...)
		b = appendFixed2(b, c.Delta)
		b = append(b, ')')
	}
	if n == 0 {
		b = append(b, "no single feature stands out from a typical normal session"...)
	}
	return b
}

// appendFixed2 appends v (|v| < 10^9) with two decimals, as
// strconv.FormatFloat(v, 'f', 2, 64) would for the values explanations
// carry, without its general-purpose cost.
func appendFixed2(b []byte, v float64) []byte {
	n := int64(math.Round(v * 100))
	if n < 0 {
		b, n = append(b, '-'), -n
	}
	b = strconv.AppendInt(b, n/100, 10)
	return append(b, '.', byte('0'+n/10%10), byte('0'+n%10))
}
