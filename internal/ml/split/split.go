package split

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
)

// Fractions are the shares of the train, validation and test parts.
type Fractions struct{ Train, Val, Test float64 }

// Parts holds row indices of each part, ascending.
type Parts struct{ Train, Val, Test []int }

// Fold is one cross-validation fold.
type Fold struct{ Train, Test []int }

func (f Fractions) slice() ([]float64, error) {
	fr := []float64{f.Train, f.Val, f.Test}
	sum := 0.0
	for _, v := range fr {
		if v < 0 {
			return nil, errors.New("split fractions must not be negative")
		}
		sum += v
	}
	if sum < 0.999 || sum > 1.001 {
		return nil, fmt.Errorf("split fractions sum to %v, not 1", sum)
	}
	return fr, nil
}

func newRNG(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x73706c)) } // "spl"

// Stratified splits rows so each part holds about its fraction of every class.
func Stratified(y []int, f Fractions, seed uint64) (Parts, error) {
	fr, err := f.slice()
	if err != nil {
		return Parts{}, err
	}
	return toParts(stratifiedAssign(y, fr, newRNG(seed))), nil
}

// Grouped splits whole groups (groups[i] is row i's key) into the parts,
// balancing part sizes and class mixes greedily, so the split is
// approximately stratified and no group spans two parts.
func Grouped(y []int, groups []string, f Fractions, seed uint64) (Parts, error) {
	fr, err := f.slice()
	if err != nil {
		return Parts{}, err
	}
	if len(groups) != len(y) {
		return Parts{}, errors.New("split: one group key per row needed")
	}
	return toParts(groupAssign(y, groups, fr, newRNG(seed))), nil
}

// KFold splits n rows into k shuffled folds of near-equal size.
func KFold(n, k int, seed uint64) ([]Fold, error) {
	return StratifiedKFold(make([]int, n), k, seed)
}

// StratifiedKFold gives every fold about 1/k of each class.
func StratifiedKFold(y []int, k int, seed uint64) ([]Fold, error) {
	if k < 2 || k > len(y) {
		return nil, fmt.Errorf("split: %d folds for %d rows", k, len(y))
	}
	return toFolds(stratifiedAssign(y, equal(k), newRNG(seed)), k), nil
}

// GroupKFold keeps each group in one fold and balances fold sizes and
// class mixes.
func GroupKFold(y []int, groups []string, k int, seed uint64) ([]Fold, error) {
	if len(groups) != len(y) {
		return nil, errors.New("split: one group key per row needed")
	}
	if k < 2 || k > len(uniq(groups)) {
		return nil, fmt.Errorf("split: %d folds for %d groups", k, len(uniq(groups)))
	}
	return toFolds(groupAssign(y, groups, equal(k), newRNG(seed)), k), nil
}

func equal(k int) []float64 {
	fr := make([]float64, k)
	for i := range fr {
		fr[i] = 1 / float64(k)
	}
	return fr
}

func uniq(s []string) []string {
	u := slices.Clone(s)
	slices.Sort(u)
	return slices.Compact(u)
}

func toParts(part []int) Parts {
	var p Parts
	for i, v := range part {
		switch v {
		case 0:
			p.Train = append(p.Train, i)
		case 1:
			p.Val = append(p.Val, i)
		default:
			p.Test = append(p.Test, i)
		}
	}
	return p
}

func toFolds(part []int, k int) []Fold {
	folds := make([]Fold, k)
	for i, v := range part {
		for f := range folds {
			if f == v {
				folds[f].Test = append(folds[f].Test, i)
			} else {
				folds[f].Train = append(folds[f].Train, i)
			}
		}
	}
	return folds
}
