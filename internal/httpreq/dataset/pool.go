package dataset

import (
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/vigilsec/vigil/internal/httpreq"
)

// CSICSplit returns the distinct CSIC requests of each bucket, each once,
// labelled attack when its key occurs in the anomalous file. Order is that
// of first occurrence.
func CSICSplit(all []Example) (train, heldOut []Example) {
	attack := map[string]bool{}
	for _, e := range all {
		if e.Source == CSIC && e.Label == Attack {
			attack[e.Key] = true
		}
	}
	seen := map[string]bool{}
	for _, e := range all {
		if e.Source != CSIC || seen[e.Key] {
			continue
		}
		seen[e.Key] = true
		if attack[e.Key] {
			e.Label = Attack
		} else {
			e.Type = ""
		}
		if e.HeldOut {
			heldOut = append(heldOut, e)
		} else {
			train = append(train, e)
		}
	}
	return train, heldOut
}

// PoolConfig shapes a training pool.
type PoolConfig struct {
	Seed uint64
	// Exclude leaves sources out (cross-dataset evaluation).
	Exclude map[string]bool
	// PerSource caps the rows drawn from each fragment source and label;
	// PerType caps each attack type within payloads.jsonl.
	PerSource, PerType int
	// CSICValues is how many distinct parameter values of training CSIC
	// normal requests join the pool as normal fragments.
	CSICValues int
	// Synthetic normal requests, and synthetic attacks: pool attack
	// fragments injected into generated requests (see SyntheticRequests).
	Synthetic, SyntheticAttacks int
}

// DefaultPool is the pool the shipped models train on.
func DefaultPool(seed uint64) PoolConfig {
	return PoolConfig{Seed: seed, PerSource: 6000, PerType: 600, CSICValues: 8000, Synthetic: 6000, SyntheticAttacks: 6000}
}

// BinaryPool draws the attack/normal training pool: the training bucket of
// CSIC (whole requests) and capped, de-duplicated fragments of the other
// sources, and synthetic requests (normal, and with pool fragments
// injected). It never contains a held-out CSIC request, HttpParams' normal
// values or the Kaggle SQL set (both cut from CSIC).
func BinaryPool(all []Example, csicTrain []Example, cfg PoolConfig) []Example {
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x9e3779b97f4a7c15))
	var pool []Example
	if !cfg.Exclude[CSIC] {
		pool = append(pool, csicTrain...)
		pool = append(pool, CSICValueFragments(csicTrain, cfg.CSICValues, rng)...)
	}
	groups := map[string][]Example{}
	for _, e := range all {
		if !usable(e, cfg) {
			continue
		}
		g := e.Source + "/" + labelName(e.Label)
		if e.Source == Payloads {
			g += "/" + e.Type
		}
		groups[g] = append(groups[g], e)
	}
	for _, g := range sortedKeys(groups) {
		limit := cfg.PerSource
		if strings.HasPrefix(g, Payloads+"/") {
			limit = cfg.PerType
		}
		pool = append(pool, sample(dedupe(groups[g]), limit, rng)...)
	}
	var frags []Example
	for _, e := range pool {
		if e.Label == Attack && e.Source != CSIC {
			frags = append(frags, e)
		}
	}
	return append(pool, SyntheticRequests(cfg.Synthetic, sample(frags, cfg.SyntheticAttacks, rng), cfg.Seed)...)
}

// usable filters the fragment sources of a pool.
func usable(e Example, cfg PoolConfig) bool {
	switch {
	case e.Source == CSIC || e.Source == KaggleSQL || cfg.Exclude[e.Source]:
		return false
	case e.Source == HttpParams && e.Label == Normal:
		return false
	}
	return true
}

// TypePool draws the attack-type training rows: every typed attack
// fragment (payloads resampled by type, the others capped per type), plus
// "other" requests from CSIC's training bucket. The requests are whole;
// the trainer picks the part to learn from.
func TypePool(all []Example, csicTrain []Example, cfg PoolConfig) []Example {
	rng := rand.New(rand.NewPCG(cfg.Seed, 0xbf58476d1ce4e5b9))
	groups := map[string][]Example{}
	major := majorityTypes(all)
	for _, e := range all {
		if e.Label != Attack || e.Type == "" || e.Type == Other || !usable(e, cfg) {
			continue
		}
		if t, ok := major[typeKey(e)]; ok && t != e.Type {
			continue // the same string under another type elsewhere: keep the majority's
		}
		groups[e.Source+"/"+e.Type] = append(groups[e.Source+"/"+e.Type], e)
	}
	if !cfg.Exclude[CSIC] {
		for _, e := range csicTrain {
			if e.Label == Attack && e.Type != "" {
				groups[CSIC+"/"+e.Type] = append(groups[CSIC+"/"+e.Type], e)
			}
		}
	}
	var pool []Example
	for _, g := range sortedKeys(groups) {
		limit := cfg.PerType * 2
		pool = append(pool, sample(dedupe(groups[g]), limit, rng)...)
	}
	return pool
}

// majorityTypes maps each attack string that occurs under more than one
// type to its most frequent type ("" on a tie, which drops every copy).
// fuzzdb files "' or '1'='1" under XXE as well as SQL injection, and a
// small class given weight by its size would claim the tautology.
func majorityTypes(all []Example) map[string]string {
	counts := map[string]map[string]int{}
	for _, e := range all {
		if e.Label != Attack || e.Type == "" || e.Type == Other {
			continue
		}
		k := typeKey(e)
		if counts[k] == nil {
			counts[k] = map[string]int{}
		}
		counts[k][e.Type]++
	}
	major := map[string]string{}
	for k, c := range counts {
		if len(c) < 2 {
			continue
		}
		best, n, tie := "", 0, false
		for t, m := range c {
			switch {
			case m > n:
				best, n, tie = t, m, false
			case m == n:
				tie = true
			}
		}
		if tie {
			best = ""
		}
		major[k] = best
	}
	return major
}

func typeKey(e Example) string {
	return strings.ToLower(strings.TrimSpace(e.Req.Path + "?" + e.Req.Query + "\n" + e.Req.Body))
}

// CSICValueFragments cuts the parameter values of normal training CSIC
// requests into normal fragments, so that fragment-shaped input (a value
// alone) is not attack by its shape: HttpParams' normal class, rebuilt from
// the training bucket only.
func CSICValueFragments(train []Example, n int, rng *rand.Rand) []Example {
	seen := map[string]bool{}
	var out []Example
	for _, e := range train {
		if e.Label != Normal {
			continue
		}
		for _, p := range strings.Split(e.Req.Query+"&"+e.Req.Body, "&") {
			_, v, ok := strings.Cut(p, "=")
			if !ok || v == "" || seen[v] {
				continue
			}
			seen[v] = true
			out = append(out, Example{Req: &httpreq.Request{Query: v}, Label: Normal, Source: CSICValues})
		}
	}
	return sample(out, n, rng)
}

// dedupe keeps the first example of each distinct request text.
func dedupe(es []Example) []Example {
	seen := map[string]bool{}
	out := es[:0:0]
	for _, e := range es {
		k := e.Req.Method + "\n" + e.Req.Path + "\n" + e.Req.Query + "\n" + e.Req.Body
		if !seen[k] {
			seen[k] = true
			out = append(out, e)
		}
	}
	return out
}

// sample returns at most n examples, drawn without replacement.
func sample(es []Example, n int, rng *rand.Rand) []Example {
	if n <= 0 || len(es) <= n {
		return es
	}
	idx := rng.Perm(len(es))[:n]
	slices.Sort(idx)
	out := make([]Example, n)
	for i, j := range idx {
		out[i] = es[j]
	}
	return out
}

func labelName(l int) string {
	if l == Attack {
		return "attack"
	}
	return "normal"
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// SourceRows returns the distinct rows of one source with the given label,
// resampled by attack type (at most perType each, for payloads.jsonl whose
// traversal list would swamp the rest) and capped at n, for cross-dataset
// evaluation.
func SourceRows(all []Example, source string, label, perType, n int, seed uint64) []Example {
	rng := rand.New(rand.NewPCG(seed, 0x94d049bb133111eb))
	groups := map[string][]Example{}
	for _, e := range all {
		if e.Source == source && e.Label == label {
			groups[e.Type] = append(groups[e.Type], e)
		}
	}
	var out []Example
	for _, t := range sortedKeys(groups) {
		g := dedupe(groups[t])
		if source == Payloads {
			g = sample(g, perType, rng)
		}
		out = append(out, g...)
	}
	return sample(out, n, rng)
}
