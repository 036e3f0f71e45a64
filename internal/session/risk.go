package session

import "math"

// Weights of the two risk components and the score's bounds (issue 6).
const (
	anomalyWeight    = 0.4
	confidenceWeight = 0.6
	maxComponentRisk = 5.0
	MinRisk, MaxRisk = 1, 10
	// HighRisk is the risk score from which a session counts as high risk
	// (the API's high_risk_count): a confident or unusual attack of any
	// type reaches it, a Normal verdict never does.
	HighRisk = 5
)

// anomalyCal maps isolation scores to anomaly risk: the median, the 1 −
// contamination quantile (the anomaly threshold) and the maximum of the
// scores of the Normal training rows.
type anomalyCal [3]float64

func (c anomalyCal) valid() bool { return c[0] <= c[1] && c[1] <= c[2] && c[0] < c[2] }

// risk maps an isolation score to 0–5, piecewise linearly: 0 up to the
// median normal session, 2.5 at the anomaly threshold, 5 at (and beyond)
// the most unusual normal training session.
func (c anomalyCal) risk(s float64) float64 {
	switch {
	case s <= c[0]:
		return 0
	case s < c[1]:
		return 2.5 * (s - c[0]) / (c[1] - c[0])
	case s < c[2]:
		return 2.5 + 2.5*(s-c[1])/(c[2]-c[1])
	}
	return maxComponentRisk
}

// confidenceRisk is 5 × the forest's probability that the session is an
// attack of any type, 1 − P(Normal): how sure the model is that something
// is wrong, whichever attack it names.
func confidenceRisk(pNormal float64) float64 { return maxComponentRisk * (1 - pNormal) }

// riskScore combines the components as issue 6 defines: round((anomaly ×
// 0.4 + confidence × 0.6) × the class multiplier), clamped to 1–10. With
// both components in 0–5 a class's ceiling is round(5 × multiplier):
// Injection 7, DataExfil 6, BruteForce 6, Recon 5, Normal 2.
func riskScore(anomaly, confidence float64, class int) int {
	r := math.Round((anomaly*anomalyWeight + confidence*confidenceWeight) * multipliers[class])
	return int(min(max(r, MinRisk), MaxRisk))
}
