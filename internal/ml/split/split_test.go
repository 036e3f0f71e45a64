package split

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
)

// data draws n rows over 3 imbalanced classes (60/30/10 %) in groups of 1–8
// rows that share a class, like repeated templates from one host.
func data(n int, seed uint64) (y []int, groups []string) {
	rng := rand.New(rand.NewPCG(seed, 9))
	for g := 0; len(y) < n; g++ {
		c := 0
		switch u := rng.Float64(); {
		case u > 0.9:
			c = 2
		case u > 0.6:
			c = 1
		}
		for range min(1+rng.IntN(8), n-len(y)) {
			y = append(y, c)
			groups = append(groups, fmt.Sprintf("host-%d", g))
		}
	}
	return y, groups
}

func share(y, rows []int, c int) float64 {
	k := 0
	for _, i := range rows {
		if y[i] == c {
			k++
		}
	}
	return float64(k) / float64(len(rows))
}

// checkPartition asserts the parts are disjoint and cover all n rows.
func checkPartition(t *testing.T, n int, parts ...[]int) {
	t.Helper()
	seen := make([]int, n)
	for _, p := range parts {
		for _, i := range p {
			seen[i]++
		}
	}
	for i, s := range seen {
		if s != 1 {
			t.Fatalf("row %d appears in %d parts", i, s)
		}
	}
}

func checkMix(t *testing.T, y []int, rows []int, tol float64) {
	t.Helper()
	all := make([]int, len(y))
	for i := range all {
		all[i] = i
	}
	for c := range 3 {
		want := share(y, all, c)
		if got := share(y, rows, c); math.Abs(got-want) > tol {
			t.Errorf("class %d share %.3f, overall %.3f (tolerance %.2f)", c, got, want, tol)
		}
	}
}

func TestStratified(t *testing.T) {
	y, _ := data(2000, 1)
	p, err := Stratified(y, Fractions{0.7, 0.15, 0.15}, 7)
	if err != nil {
		t.Fatal(err)
	}
	checkPartition(t, len(y), p.Train, p.Val, p.Test)
	t.Run("part sizes follow the fractions", func(t *testing.T) {
		if d := math.Abs(float64(len(p.Test))/float64(len(y)) - 0.15); d > 0.01 {
			t.Errorf("test share off by %.3f", d)
		}
	})
	t.Run("each part keeps the class mix", func(t *testing.T) {
		checkMix(t, y, p.Val, 0.01)
		checkMix(t, y, p.Test, 0.01)
	})
	t.Run("same seed same split, other seed other split", func(t *testing.T) {
		q, _ := Stratified(y, Fractions{0.7, 0.15, 0.15}, 7)
		r, _ := Stratified(y, Fractions{0.7, 0.15, 0.15}, 8)
		if !reflect.DeepEqual(p, q) || reflect.DeepEqual(p, r) {
			t.Error("determinism broken")
		}
	})
}

func TestGrouped(t *testing.T) {
	y, groups := data(3000, 2)
	p, err := Grouped(y, groups, Fractions{0.6, 0.2, 0.2}, 3)
	if err != nil {
		t.Fatal(err)
	}
	checkPartition(t, len(y), p.Train, p.Val, p.Test)
	t.Run("no group in two parts", func(t *testing.T) {
		where := map[string]int{}
		for part, rows := range [][]int{p.Train, p.Val, p.Test} {
			for _, i := range rows {
				if w, ok := where[groups[i]]; ok && w != part {
					t.Fatalf("group %s in parts %d and %d", groups[i], w, part)
				}
				where[groups[i]] = part
			}
		}
	})
	t.Run("sizes and class mix are close to target", func(t *testing.T) {
		if d := math.Abs(float64(len(p.Test))/float64(len(y)) - 0.2); d > 0.02 {
			t.Errorf("test share off by %.3f", d)
		}
		checkMix(t, y, p.Test, 0.03)
	})
	t.Run("deterministic", func(t *testing.T) {
		q, _ := Grouped(y, groups, Fractions{0.6, 0.2, 0.2}, 3)
		if !reflect.DeepEqual(p, q) {
			t.Error("same seed, different split")
		}
	})
}

func TestFolds(t *testing.T) {
	y, groups := data(1000, 3)
	kf, _ := KFold(len(y), 5, 1)
	sf, _ := StratifiedKFold(y, 5, 1)
	gf, err := GroupKFold(y, groups, 5, 1)
	if err != nil {
		t.Fatal(err)
	}
	for name, folds := range map[string][]Fold{"kfold": kf, "stratified": sf, "grouped": gf} {
		t.Run(name+" folds partition the rows", func(t *testing.T) {
			var tests [][]int
			for _, f := range folds {
				checkPartition(t, len(y), f.Train, f.Test)
				tests = append(tests, f.Test)
				if d := math.Abs(float64(len(f.Test))/float64(len(y)) - 0.2); d > 0.03 {
					t.Errorf("fold size share off by %.3f", d)
				}
			}
			checkPartition(t, len(y), tests...)
		})
	}
	t.Run("stratified folds keep the class mix", func(t *testing.T) {
		for _, f := range sf {
			checkMix(t, y, f.Test, 0.01)
		}
	})
	t.Run("group folds keep groups whole", func(t *testing.T) {
		for _, f := range gf {
			in := map[string]bool{}
			for _, i := range f.Test {
				in[groups[i]] = true
			}
			for _, i := range f.Train {
				if in[groups[i]] {
					t.Fatalf("group %s on both sides", groups[i])
				}
			}
		}
	})
}

func TestRejectsBadInput(t *testing.T) {
	if _, err := Stratified([]int{0}, Fractions{0.5, 0.2, 0.2}, 1); err == nil {
		t.Error("fractions summing to 0.9 accepted")
	}
	if _, err := KFold(3, 5, 1); err == nil {
		t.Error("more folds than rows accepted")
	}
	if _, err := GroupKFold([]int{0, 1}, []string{"a", "a"}, 2, 1); err == nil {
		t.Error("more folds than groups accepted")
	}
}
