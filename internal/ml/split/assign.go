package split

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
)

// stratifiedAssign shuffles each class's rows and cuts them at the
// cumulative fractions (rounded), returning the part of every row.
func stratifiedAssign(y []int, fr []float64, rng *rand.Rand) []int {
	byClass := map[int][]int{}
	for i, c := range y {
		byClass[c] = append(byClass[c], i)
	}
	classes := make([]int, 0, len(byClass))
	for c := range byClass {
		classes = append(classes, c)
	}
	slices.Sort(classes) // map order must not reach the generator
	part := make([]int, len(y))
	offset := 0.0 // carry rounding across classes so small classes rotate
	for _, c := range classes {
		rows := byClass[c]
		rng.Shuffle(len(rows), func(i, j int) { rows[i], rows[j] = rows[j], rows[i] })
		for n, i := range rows {
			part[i] = bin(fr, (float64(n)+offset)/float64(len(rows)))
		}
		offset = math.Mod(offset+0.5, 1)
	}
	return part
}

// bin returns the part whose cumulative fraction range contains q.
func bin(fr []float64, q float64) int {
	q = math.Mod(q, 1)
	acc := 0.0
	for p, f := range fr {
		if acc += f; q < acc {
			return p
		}
	}
	return len(fr) - 1
}

type group struct {
	key    string
	rows   []int
	counts []classCount // sorted by class: float sums must not follow map order
}

type classCount struct{ class, n int }

// groupAssign places whole groups, largest first (random order among equal
// sizes), each in the part where it most reduces the squared shortfall of
// part sizes and per-class counts against their targets.
func groupAssign(y []int, keys []string, fr []float64, rng *rand.Rand) []int {
	gs, total := collect(y, keys)
	rng.Shuffle(len(gs), func(i, j int) { gs[i], gs[j] = gs[j], gs[i] })
	slices.SortStableFunc(gs, func(a, b *group) int { return cmp.Compare(len(b.rows), len(a.rows)) })
	size := make([]float64, len(fr))
	counts := make([]map[int]float64, len(fr))
	for p := range counts {
		counts[p] = map[int]float64{}
	}
	part := make([]int, len(y))
	n := float64(len(y))
	for _, g := range gs {
		best, bestCost := 0, math.Inf(1)
		for p, f := range fr {
			c := delta(size[p], float64(len(g.rows)), f*n, n)
			for _, cc := range g.counts {
				c += delta(counts[p][cc.class], float64(cc.n), f*total[cc.class], total[cc.class])
			}
			if c < bestCost {
				best, bestCost = p, c
			}
		}
		size[best] += float64(len(g.rows))
		for _, cc := range g.counts {
			counts[best][cc.class] += float64(cc.n)
		}
		for _, i := range g.rows {
			part[i] = best
		}
	}
	return part
}

// delta is the change in normalised squared error when have grows by add.
func delta(have, add, target, norm float64) float64 {
	return ((have+add-target)*(have+add-target) - (have-target)*(have-target)) / norm
}

func collect(y []int, keys []string) ([]*group, map[int]float64) {
	byKey := map[string]*group{}
	total := map[int]float64{}
	for i, k := range keys {
		g := byKey[k]
		if g == nil {
			g = &group{key: k}
			byKey[k] = g
		}
		g.rows = append(g.rows, i)
		total[y[i]]++
	}
	gs := make([]*group, 0, len(byKey))
	for _, g := range byKey {
		g.counts = countClasses(y, g.rows)
		gs = append(gs, g)
	}
	slices.SortFunc(gs, func(a, b *group) int { return cmp.Compare(a.key, b.key) })
	return gs, total
}

func countClasses(y []int, rows []int) []classCount {
	var out []classCount
	for _, i := range rows {
		j, found := slices.BinarySearchFunc(out, y[i], func(c classCount, t int) int { return cmp.Compare(c.class, t) })
		if !found {
			out = slices.Insert(out, j, classCount{class: y[i]})
		}
		out[j].n++
	}
	return out
}
