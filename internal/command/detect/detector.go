package detect

import (
	"fmt"
	"sync"
	"time"

	"github.com/vigilsec/vigil/internal/command"
	"github.com/vigilsec/vigil/internal/command/features"
	"github.com/vigilsec/vigil/internal/ml/vec"
)

// Detector scans command lines. It is safe for concurrent use: scratch
// space (featurizers, vectors) lives in a pool.
type Detector struct {
	analyzer *command.Analyzer
	models   *Models
	router   Router
	// MinTechniqueConfidence drops techniques ranked below it.
	minTech float64
	pool    sync.Pool
}

// Options configure a Detector.
type Options struct {
	Thresholds Thresholds
	// MinTechniqueConfidence is the least Tier-2 probability a technique
	// needs to be reported (default 0.02).
	MinTechniqueConfidence float64
}

// DefaultOptions returns the shipped routing configuration.
func DefaultOptions() Options {
	return Options{Thresholds: DefaultThresholds(), MinTechniqueConfidence: 0.02}
}

// scratch is one goroutine's working space.
type scratch struct {
	f1, f2 *features.Featurizer
	x      vec.Sparse
	p1, p2 []float32
}

// New returns a detector over an analyzer and loaded models.
func New(a *command.Analyzer, m *Models, o Options) (*Detector, error) {
	if err := o.Thresholds.Validate(); err != nil {
		return nil, err
	}
	d := &Detector{analyzer: a, models: m, router: Router{o.Thresholds}, minTech: o.MinTechniqueConfidence}
	d.pool.New = func() any { return d.newScratch() }
	if _, err := features.NewFeaturizer(Tier1Schema); err != nil {
		return nil, fmt.Errorf("tier 1 features: %w", err)
	}
	return d, nil
}

func (d *Detector) newScratch() *scratch {
	f1, _ := features.NewFeaturizer(Tier1Schema) // validated in New
	f2, _ := features.NewFeaturizer(Tier2Schema)
	return &scratch{f1: f1, f2: f2, p1: make([]float32, numClasses), p2: make([]float32, d.models.Tier2.K)}
}

// Analyzer returns the detector's engine.
func (d *Detector) Analyzer() *command.Analyzer { return d.analyzer }

// Models returns the loaded models.
func (d *Detector) Models() *Models { return d.models }

// Scan examines one command line. Errors are those of Analyzer.Analyze:
// empty or oversized input.
func (d *Detector) Scan(line string) (*Verdict, error) {
	start := time.Now()
	a, err := d.analyzer.Analyze(line)
	if err != nil {
		return nil, err
	}
	v := d.Verdict(a)
	v.ElapsedUS = time.Since(start).Microseconds()
	return v, nil
}

// Verdict runs both tiers and the router on an analysis.
func (d *Detector) Verdict(a *command.Analysis) *Verdict {
	s := d.pool.Get().(*scratch)
	defer d.pool.Put(s)
	s.x = s.f1.Vector(a, features.Both, s.x)
	p := d.models.Tier1.Proba(s.x, s.p1)
	r := d.router.Route(p, a.Rules)
	v := newVerdict(a, p, r)
	v.Techniques, v.PayloadTechniques = d.techniques(a, s)
	return v
}

// Proba returns Tier 1's calibrated probabilities for an analysis (for
// evaluation: the model alone, without the router).
func (d *Detector) Proba(a *command.Analysis) [numClasses]float64 {
	s := d.pool.Get().(*scratch)
	defer d.pool.Put(s)
	s.x = s.f1.Vector(a, features.Both, s.x)
	p := d.models.Tier1.Proba(s.x, s.p1)
	return [numClasses]float64{float64(p[0]), float64(p[1]), float64(p[2])}
}
