package session

import (
	"math/rand/v2"
)

// Example is one labelled synthetic session.
type Example struct {
	Features
	Label   string `json:"label"`
	Profile string `json:"profile,omitempty"` // the behaviour within the class
}

// Generate draws n labelled sessions. The same seed gives the same rows:
// a PCG generator seeded with seed drives every draw.
func Generate(n int, seed uint64) []Example {
	r := rand.New(rand.NewPCG(seed, 0x5e5510))
	s := &sampler{r}
	out := make([]Example, n)
	for i := range out {
		c := pick(r, func(c int) float64 { return classes[c].prior }, NumClasses)
		ps := classes[c].profiles
		p := ps[pick(r, func(j int) float64 { return ps[j].weight }, len(ps))]
		out[i] = Example{Features: p.draw(s), Label: Classes[c], Profile: p.name}
	}
	return out
}
