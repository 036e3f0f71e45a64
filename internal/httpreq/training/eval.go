package training

import (
	"slices"
	"time"

	"github.com/vigilsec/vigil/internal/httpreq/dataset"
	"github.com/vigilsec/vigil/internal/httpreq/detect"
	"github.com/vigilsec/vigil/internal/ml/metrics"
)

// HeldOut is the evaluation on the distinct held-out CSIC requests.
type HeldOut struct {
	// Deployed are the detector's verdicts, as vigil http scan gives them
	// (the combined score, or the endpoint profile's flag).
	Deployed *Figures `json:"deployed"`
	// Linear, CNN and Ensemble are each model alone and the combination
	// with the CNN always run, at thresholds tuned on the validation rows.
	Linear   *Figures `json:"linear"`
	CNN      *Figures `json:"cnn,omitempty"`
	Ensemble *Figures `json:"ensemble,omitempty"`
	// Anomaly is the normal-only model alone, flagging requests above the
	// (1 − MaxFPR) percentile of normal validation traffic.
	Anomaly *Figures `json:"anomaly"`
	// CNNShare is the share of requests for which the cascade ran the CNN;
	// CascadeAgreement the share whose verdict equals the full ensemble's.
	CNNShare         float64 `json:"cnn_share"`
	CascadeAgreement float64 `json:"cascade_agreement"`
	// Scan latency of the whole detector, one goroutine, per request.
	MeanMicros float64 `json:"scan_mean_us"`
	P99Micros  float64 `json:"scan_p99_us"`
	// Type agreement with CSIC's injection guesses on detected attacks.
	TypeAgreement *metrics.Interval `json:"type_agreement,omitempty"`
	TypeN         int               `json:"type_n"`
	// Curves hold the scores for the ROC figure.
	curves map[string][]float64
	y      []int
}

// scored are the model outputs on a set of rows.
type scored struct {
	y                           []int
	lin, cnn, deployed, ens, an []float64
	ran                         []bool
}

func score(det *detect.Detector, rows []Row, prog Progress, stage string) scored {
	n := len(rows)
	s := scored{y: labels(rows), lin: make([]float64, n), cnn: make([]float64, n), deployed: make([]float64, n),
		ens: make([]float64, n), an: make([]float64, n), ran: make([]bool, n)}
	c := det.Models().Combine
	forEach(n, stage, prog, func(_, i int) {
		p := det.Proba(rows[i].Req)
		s.lin[i], s.cnn[i], s.deployed[i], s.an[i], s.ran[i] = p.Linear, p.CNN, p.Combined, p.Anomaly, p.RanCNN
		if p.MethodUnexpected || p.SSRF {
			s.deployed[i] = 1 // the endpoint profile's or the SSRF rule's verdict
		}
		s.ens[i] = c.Score(p.Linear, p.CNN, det.Models().CNN != nil)
	})
	return s
}

// evaluateHeldOut scores the held-out rows with every model, at
// thresholds tuned on the validation rows.
func evaluateHeldOut(det *detect.Detector, val, test []Row, cfg Config, prog Progress) (*HeldOut, error) {
	v, t := score(det, val, prog, "score validation"), score(det, test, prog, "score held-out")
	m := det.Models()
	h := &HeldOut{curves: map[string][]float64{"deployed": t.deployed, "linear": t.lin, "anomaly": t.an}, y: t.y}
	var err error
	fig := func(s []float64, th float64) *Figures {
		f, e := figures(t.y, s, th)
		if e != nil && err == nil {
			err = e
		}
		return f
	}
	h.Deployed = fig(t.deployed, m.Combine.Threshold)
	h.Linear = fig(t.lin, bestThreshold(v.y, v.lin, cfg.MaxFPR).Threshold)
	h.Anomaly = fig(t.an, 1-cfg.MaxFPR)
	if m.CNN != nil {
		h.CNN = fig(t.cnn, bestThreshold(v.y, v.cnn, cfg.MaxFPR).Threshold)
		h.Ensemble = fig(t.ens, m.Combine.Threshold)
		h.curves["cnn"] = t.cnn
		h.cascade(t, m.Combine.Threshold)
	}
	h.latency(det, test)
	if err != nil {
		return nil, err
	}
	return h, h.types(det, test)
}

func (h *HeldOut) cascade(t scored, th float64) {
	ran, agree := 0, 0
	for i := range t.y {
		if t.ran[i] {
			ran++
		}
		if (t.deployed[i] >= th) == (t.ens[i] >= th) {
			agree++
		}
	}
	h.CNNShare, h.CascadeAgreement = float64(ran)/float64(len(t.y)), float64(agree)/float64(len(t.y))
}

// latency times Scan on every held-out request on one goroutine.
func (h *HeldOut) latency(det *detect.Detector, rows []Row) {
	us := make([]float64, len(rows))
	for i, r := range rows {
		start := time.Now()
		det.Scan(r.Req)
		us[i] = float64(time.Since(start).Nanoseconds()) / 1e3
	}
	slices.Sort(us)
	sum := 0.0
	for _, u := range us {
		sum += u
	}
	h.MeanMicros, h.P99Micros = sum/float64(len(us)), metrics.Quantile(us, 0.99)
}

// types compares verdict attack types with CSIC's injection guesses on the
// held-out attacks the detector flags.
func (h *HeldOut) types(det *detect.Detector, rows []Row) error {
	var agree []int
	for _, r := range rows {
		if r.Label != dataset.Attack || r.Type == "" || r.Type == dataset.Other {
			continue
		}
		v, err := det.Scan(r.Req)
		if err != nil || v.Label != "attack" {
			continue
		}
		agree = append(agree, boolInt(v.AttackType != nil && *v.AttackType == r.Type))
	}
	h.TypeN = len(agree)
	if len(agree) == 0 {
		return nil
	}
	ones := make([]int, len(agree))
	for i := range ones {
		ones[i] = 1
	}
	iv, err := metrics.Bootstrap(len(agree), metrics.OnLabels(ones, agree, metrics.Accuracy), Bootstrap)
	h.TypeAgreement = &iv
	return err
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
