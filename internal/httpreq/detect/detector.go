package detect

import (
	"fmt"
	"sync"
	"time"

	"github.com/vigilsec/vigil/internal/httpreq"
	"github.com/vigilsec/vigil/internal/httpreq/features"
	"github.com/vigilsec/vigil/internal/httpreq/normalize"
	"github.com/vigilsec/vigil/internal/ml/vec"
)

// Detector scans HTTP requests. It is safe for concurrent use: scratch
// space lives in a pool.
type Detector struct {
	models *Models
	limits httpreq.Limits
	norm   normalize.Limits
	pool   sync.Pool
}

// scratch is one goroutine's working space.
type scratch struct {
	bin, typ *features.Featurizer
	x        vec.Sparse
	p2, pk   []float32
}

// New returns a detector over loaded models.
func New(m *Models) (*Detector, error) {
	if err := m.Combine.Validate(); err != nil {
		return nil, err
	}
	for _, s := range []features.Schema{BinarySchema, TypeSchema} {
		if _, err := features.NewFeaturizer(s); err != nil {
			return nil, fmt.Errorf("features: %w", err)
		}
	}
	d := &Detector{models: m, limits: httpreq.DefaultLimits(), norm: normalize.DefaultLimits()}
	d.pool.New = func() any {
		b, _ := features.NewFeaturizer(BinarySchema) // validated above
		t, _ := features.NewFeaturizer(TypeSchema)
		return &scratch{bin: b, typ: t, p2: make([]float32, 2), pk: make([]float32, len(m.Types))}
	}
	return d, nil
}

// Models returns the loaded models.
func (d *Detector) Models() *Models { return d.models }

// Limits returns the request limits Scan enforces.
func (d *Detector) Limits() httpreq.Limits { return d.limits }

// Scan examines one request. Errors are those of httpreq.Limits.Check:
// an empty or oversized request.
func (d *Detector) Scan(r *httpreq.Request) (*Verdict, error) {
	start := time.Now()
	if err := d.limits.Check(r); err != nil {
		return nil, err
	}
	s := d.pool.Get().(*scratch)
	defer d.pool.Put(s)
	res := normalize.Request(r, d.norm)
	v := d.verdict(r, res, s)
	v.ElapsedUS = time.Since(start).Microseconds()
	return v, nil
}

// Probabilities are the model outputs for one request, for evaluation.
type Probabilities struct {
	Linear, CNN, Combined float64
	RanCNN                bool
	AnomalyBits, Anomaly  float64
	// MethodUnexpected is the endpoint profile's flag, SSRF the rule's.
	MethodUnexpected, SSRF bool
}

// Attack is the verdict label these outputs give.
func (p Probabilities) Attack(c Combine) bool {
	return p.Combined >= c.Threshold || p.MethodUnexpected || p.SSRF
}

// Proba scores a request with every model (the CNN always, when loaded),
// without building a verdict.
func (d *Detector) Proba(r *httpreq.Request) Probabilities {
	s := d.pool.Get().(*scratch)
	defer d.pool.Put(s)
	res := normalize.Request(r, d.norm)
	text := features.Text(res)
	p := Probabilities{Linear: d.linear(text, res, s)}
	if d.models.CNN != nil {
		p.CNN = float64(d.models.CNN.Proba(text, s.p2)[1])
	}
	p.RanCNN = d.models.Combine.NeedsCNN(p.Linear) && d.models.CNN != nil
	p.Combined = d.models.Combine.Score(p.Linear, p.CNN, p.RanCNN)
	p.AnomalyBits = d.models.Anomaly.Score(text)
	p.Anomaly = d.models.Anomaly.Percentile(p.AnomalyBits)
	p.MethodUnexpected = d.models.Profile.Unexpected(r.Method, r.Path)
	_, p.SSRF = ssrfPart(res)
	return p
}

func (d *Detector) linear(text string, res *normalize.Result, s *scratch) float64 {
	s.x = s.bin.Vector(text, res, s.x)
	return float64(d.models.Binary.Proba(s.x, s.p2)[1])
}

func (d *Detector) verdict(r *httpreq.Request, res *normalize.Result, s *scratch) *Verdict {
	m := d.models
	text := features.Text(res)
	pl := d.linear(text, res, s)
	v := &Verdict{Method: r.Method, Path: r.Path, Label: Classes[0], Scores: Scores{Linear: round4(pl)}}
	score := pl
	if m.CNN != nil && m.Combine.NeedsCNN(pl) {
		pc := float64(m.CNN.Proba(text, s.p2)[1])
		v.Scores.CNN = ptr(round4(pc))
		score = m.Combine.Score(pl, pc, true)
	}
	v.Score = round4(score)
	v.Scores.AnomalyBits = round4(m.Anomaly.Score(text))
	v.Anomaly = round4(m.Anomaly.Percentile(v.Scores.AnomalyBits))
	if score >= m.Combine.Threshold {
		v.Label = Classes[1]
		d.explain(v, res, s)
	}
	if m.Profile.Unexpected(r.Method, r.Path) {
		v.Label = Classes[1]
		v.Evidence = append(v.Evidence, Evidence{Kind: "anomaly", Rule: "method_not_seen_for_path", Part: "method"})
	}
	if v.Label == Classes[0] {
		if part, ok := ssrfPart(res); ok {
			v.Label, v.AttackType = Classes[1], ptr("ssrf")
			v.Evidence = append(v.Evidence, Evidence{Kind: "rule", Rule: "ssrf_internal_url", Part: part})
		}
	}
	v.Evidence = appendSteps(v.Evidence, res)
	if len(res.Limits) > 0 {
		v.Warnings = append(v.Warnings, res.Limits...)
	}
	return v
}

func ptr[T any](v T) *T { return &v }
