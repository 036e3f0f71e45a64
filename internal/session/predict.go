package session

import (
	"encoding/json"
	"math"
	"strconv"
)

// Prediction is the verdict on one session.
type Prediction struct {
	AttackType     string         `json:"attack_type"`
	RiskScore      int            `json:"risk_score" doc:"1–10"`
	Confidence     float64        `json:"confidence" doc:"the forest's probability of attack_type"`
	Probabilities  Probabilities  `json:"probabilities"`
	AnomalyScore   float64        `json:"anomaly_score" doc:"isolation-forest score in (0, 1); higher is more unusual"`
	IsAnomaly      bool           `json:"is_anomaly"`
	AnomalyRisk    float64        `json:"anomaly_risk" doc:"0–5"`
	ConfidenceRisk float64        `json:"confidence_risk" doc:"0–5"`
	Contributions  []Contribution `json:"contributions" doc:"every feature, largest effect first"`
	Explanation    string         `json:"explanation"`
}

// Probabilities are the forest's class probabilities in Classes order,
// written in JSON as an object keyed by class name.
type Probabilities [NumClasses]float64

// MarshalJSON writes {"Normal": p, "BruteForce": p, ...}.
func (p Probabilities) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 128)
	b = append(b, '{')
	for i, c := range Classes {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendQuote(b, c)
		b = append(b, ':')
		b = strconv.AppendFloat(b, p[i], 'f', -1, 64)
	}
	return append(b, '}'), nil
}

// UnmarshalJSON reads what MarshalJSON writes.
func (p *Probabilities) UnmarshalJSON(b []byte) error {
	var m map[string]float64
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	for i, c := range Classes {
		p[i] = m[c]
	}
	return nil
}

// HighRisk reports whether the risk score reaches HighRisk.
func (p *Prediction) HighRisk() bool { return p.RiskScore >= HighRisk }

// Predict validates f and scores it.
func (d *Detector) Predict(f Features) (Prediction, error) {
	if err := Validate(f); err != nil {
		return Prediction{}, err
	}
	var p Prediction
	d.predict(f, &p, make([]Contribution, NumFeatures))
	return p, nil
}

// PredictBatch validates every item first and scores none unless all are
// valid; the *ValidationError then names fields as "[i].failed_logins".
// The results share one contributions array.
func (d *Detector) PredictBatch(fs []Features) ([]Prediction, error) {
	var ve ValidationError
	for i, f := range fs {
		if err := Validate(f); err != nil {
			ve.Errors = append(ve.Errors, prefixed(err, "["+strconv.Itoa(i)+"]")...)
		}
	}
	if err := ve.orNil(); err != nil {
		return nil, err
	}
	out := make([]Prediction, len(fs))
	contrib := make([]Contribution, len(fs)*NumFeatures)
	s := &batchScratch{leaves: make([]int32, batchBlock*d.fast.trees)}
	for i := 0; i < len(fs); i += batchBlock {
		j := min(i+batchBlock, len(fs))
		d.predictBlock(fs[i:j], out[i:j], contrib[i*NumFeatures:j*NumFeatures], s)
	}
	return out, nil
}

// batchBlock is how many rows a batch scores tree by tree at once: enough
// to amortise reading each tree, few enough that the rows' scratch stays
// in cache.
const batchBlock = 256

type batchScratch struct {
	raw    [batchBlock][NumFeatures]float32
	xs     [batchBlock]row
	fo     [batchBlock]forestOut
	iso    [batchBlock]float64
	leaves []int32 // batchBlock × trees
}

// predictBlock scores up to batchBlock valid rows.
func (d *Detector) predictBlock(fs []Features, out []Prediction, contrib []Contribution, s *batchScratch) {
	n := len(fs)
	for i, f := range fs {
		f.row(s.raw[i][:])
		s.xs[i] = row{}
		copy(s.xs[i][:], s.raw[i][:])
		d.scaler.TransformRow(s.xs[i][:NumFeatures])
	}
	d.fast.scoreBatch(s.xs[:n], s.fo[:n], s.leaves)
	d.fastIso.scoreBatch(s.xs[:n], s.iso[:n])
	for i := range fs {
		d.finish(&out[i], s.raw[i], &s.fo[i], s.iso[i], contrib[i*NumFeatures:(i+1)*NumFeatures:(i+1)*NumFeatures])
	}
}

// predict scores valid features into p, using contrib (NumFeatures long)
// for the contributions.
func (d *Detector) predict(f Features, p *Prediction, contrib []Contribution) {
	var raw [NumFeatures]float32
	var x row
	f.row(raw[:])
	copy(x[:], raw[:])
	d.scaler.TransformRow(x[:NumFeatures])
	var fo forestOut
	d.fast.score(&x, &fo)
	d.finish(p, raw, &fo, d.fastIso.score(&x), contrib)
}

// finish turns the models' outputs on one row into its Prediction.
func (d *Detector) finish(p *Prediction, raw [NumFeatures]float32, fo *forestOut, s float64, contrib []Contribution) {
	c := fo.class
	*p = Prediction{
		AttackType: Classes[c], Confidence: round4(float64(fo.prob[c])),
		AnomalyScore: round4(s), IsAnomaly: s > d.iso.Threshold,
		AnomalyRisk: round4(d.cal.risk(s)), ConfidenceRisk: round4(confidenceRisk(float64(fo.prob[Normal]))),
	}
	for i, v := range fo.prob {
		p.Probabilities[i] = round4(float64(v))
	}
	p.RiskScore = riskScore(p.AnomalyRisk, p.ConfidenceRisk, c)
	p.Contributions = d.contributions(raw, fo, contrib)
	p.Explanation = d.explain(p)
}

func argmax(p []float32) int {
	best := 0
	for i, v := range p {
		if v > p[best] {
			best = i
		}
	}
	return best
}

func round4(v float64) float64 { return math.Round(v*1e4) / 1e4 }
