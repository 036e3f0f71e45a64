package nn

import (
	"fmt"
	"math"
	"os"
	"strings"

	"github.com/gomlx/compute"
	_ "github.com/gomlx/compute/gobackend" // registers the pure-Go backend "go"
	"github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"
)

// session holds the GoMLX side of one Train call: the backend, the compiled
// step and the parameters and optimiser moments, which stay on the backend
// between steps and are copied out only to evaluate or snapshot.
type session struct {
	backend compute.Backend
	exec    *graph.Exec
	graph   stepGraph
	state   []*tensors.Tensor // params, first moments, second moments
	steps   int
}

// newBackend opens the GoMLX backend named by backendConfig, turning the
// panic GoMLX raises for an unknown backend into an error.
func newBackend(config string) (b compute.Backend, err error) {
	config = backendConfig(config)
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("gomlx backend %q: %v", config, r)
		}
	}()
	return compute.NewWithConfig(config)
}

// backendConfig resolves the backend: config, else $GOMLX_BACKEND, else
// "go". The Go backend gets the option ops_sequential unless the caller
// chose an ops_* mode: by default it runs independent ops in parallel on
// the same worker pool their matrix products fan out on, and a training
// step then deadlocks now and again (GoMLX compute v0.1.2: every worker
// waits inside Pool.Saturate for a free worker). One op at a time, each
// using all cores, was also the fastest mode measured here.
func backendConfig(config string) string {
	if config == "" {
		config = os.Getenv(compute.ConfigEnvVar)
	}
	if config == "" {
		config = "go"
	}
	name, opts, _ := strings.Cut(config, ":")
	if name != "go" || strings.Contains(opts, "ops_") {
		return config
	}
	if opts == "" {
		return "go:ops_sequential"
	}
	return config + ",ops_sequential"
}

func newSession(cfg Config, k int, ps []param) (*session, error) {
	b, err := newBackend(cfg.Backend)
	if err != nil {
		return nil, err
	}
	s := &session{backend: b, graph: stepGraph{
		net: netGraph{arch: cfg.Arch, k: k}, beta1: 0.9, beta2: 0.999, eps: 1e-8, clipNorm: cfg.ClipNorm,
	}}
	for _, p := range ps {
		s.graph.decay = append(s.graph.decay, p.decay)
		s.state = append(s.state, tensors.FromFlatDataAndDimensions(append([]float32(nil), p.data...), p.shape...))
	}
	for range 2 { // zero moments
		for _, p := range ps {
			s.state = append(s.state, tensors.FromFlatDataAndDimensions(make([]float32, len(p.data)), p.shape...))
		}
	}
	s.exec, err = graph.NewExec(b, s.graph.build)
	if err != nil {
		b.Finalize()
		return nil, fmt.Errorf("gomlx step graph: %w", err)
	}
	return s, nil
}

// step runs one optimiser step on b at learning rate lr and returns the
// batch loss and the pre-clipping gradient norm.
func (s *session) step(b batch, lr, weightDecay float64) (loss, norm float64, err error) {
	s.steps++
	stepLR, invC2, decay := s.graph.adamScalars(s.steps, lr, weightDecay)
	inputs := append(b.tensors(), tensors.FromScalar(stepLR), tensors.FromScalar(invC2), tensors.FromScalar(decay))
	out, err := s.exec.Exec(append(append([]*tensors.Tensor(nil), s.state...), inputs...))
	finalize(inputs)
	if err != nil {
		return 0, 0, fmt.Errorf("gomlx training step %d: %w", s.steps, err)
	}
	n := len(s.state)
	finalize(s.state)
	copy(s.state, out[:n])
	loss = float64(tensors.ToScalar[float32](out[n]))
	norm = float64(tensors.ToScalar[float32](out[n+1]))
	finalize(out[n:])
	if math.IsNaN(loss) || math.IsInf(loss, 0) {
		return loss, norm, fmt.Errorf("training diverged at step %d (loss %v): lower the learning rate", s.steps, loss)
	}
	return loss, norm, nil
}

// copyParams copies the current parameters into ps (in params order).
func (s *session) copyParams(ps []param) error {
	for i, p := range ps {
		err := tensors.ConstFlatData(s.state[i], func(flat []float32) { copy(p.data, flat) })
		if err != nil {
			return fmt.Errorf("read parameter %s: %w", p.name, err)
		}
	}
	return nil
}

func (s *session) close() {
	finalize(s.state)
	s.exec.Finalize()
	s.backend.Finalize()
}

// finalize frees tensors now rather than when the garbage collector finds
// them, so a long run's backend buffers are reused.
func finalize(ts []*tensors.Tensor) {
	for _, t := range ts {
		t.FinalizeAll()
	}
}
