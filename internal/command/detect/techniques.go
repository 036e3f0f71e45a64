package detect

import (
	"slices"

	"github.com/vigilsec/vigil/internal/attack"
	"github.com/vigilsec/vigil/internal/command"
	"github.com/vigilsec/vigil/internal/command/features"
)

// MaxTechniques is the most techniques a verdict lists.
const MaxTechniques = 5

// techniques ranks ATT&CK techniques for the raw line and, when
// deobfuscation changed it, for the decoded line, and merges the two by
// technique keeping the higher confidence (the Genos Tier-2 merge).
func (d *Detector) techniques(a *command.Analysis, s *scratch) (merged, payload []Technique) {
	merged = d.rank(a, features.Raw, s)
	if !a.Deobfuscation.Changed {
		return merged, nil
	}
	payload = d.rank(a, features.Decoded, s)
	all := append(slices.Clone(merged), payload...)
	slices.SortStableFunc(all, func(x, y Technique) int {
		switch {
		case x.Confidence > y.Confidence:
			return -1
		case x.Confidence < y.Confidence:
			return 1
		}
		return 0
	})
	merged = all[:0]
	for _, t := range all {
		if !slices.ContainsFunc(merged, func(m Technique) bool { return m.ID == t.ID }) {
			merged = append(merged, t)
		}
	}
	return merged[:min(len(merged), MaxTechniques)], payload
}

// rank returns the top techniques of one view.
func (d *Detector) rank(a *command.Analysis, v features.View, s *scratch) []Technique {
	s.x = s.f2.Vector(a, v, s.x)
	p := d.models.Tier2.Proba(s.x, s.p2)
	var top [MaxTechniques]int
	n := topK(p, top[:])
	out := make([]Technique, 0, n)
	for _, c := range top[:n] {
		if float64(p[c]) < d.minTech {
			break
		}
		out = append(out, describe(d.models.Techniques[c], float64(p[c])))
	}
	return out
}

// topK writes the indices of the len(dst) largest values of p, largest
// first, and returns how many it wrote.
func topK(p []float32, dst []int) int {
	n := 0
	for c, v := range p {
		i := n
		for i > 0 && p[dst[i-1]] < v {
			i--
		}
		if i >= len(dst) {
			continue
		}
		if n < len(dst) {
			n++
		}
		copy(dst[i+1:n], dst[i:n-1])
		dst[i] = c
	}
	return n
}

func describe(id string, conf float64) Technique {
	t := Technique{ID: id, Confidence: round4(conf), Tactics: []string{}}
	if at, ok := attack.Lookup(id); ok {
		t.Name, t.Tactics = at.Name, at.Tactics
	}
	return t
}
