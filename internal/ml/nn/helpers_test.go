package nn

import (
	"math/rand/v2"
	"strings"
	"testing"
)

const classes = 3

// synthetic draws n strings of random words; class 1 strings contain
// "evil", class 2 strings contain "rm -rf", class 0 neither. flip is the
// share of labels randomised.
func synthetic(n int, flip float64, seed uint64) Dataset {
	rng := rand.New(rand.NewPCG(seed, 7))
	d := Dataset{X: make([]string, n), Y: make([]int, n)}
	for i := range n {
		y := rng.IntN(classes)
		words := randomWords(rng, 2+rng.IntN(8))
		switch y {
		case 1:
			words = insert(rng, words, "evil")
		case 2:
			words = insert(rng, words, "rm -rf")
		}
		if rng.Float64() < flip {
			y = rng.IntN(classes)
		}
		d.X[i], d.Y[i] = strings.Join(words, " "), y
	}
	return d
}

// randomWords avoids the letters of the planted patterns' rarer bigrams
// only by chance; the patterns are long enough that a random match is rare.
func randomWords(rng *rand.Rand, n int) []string {
	const letters = "abcdefghijklmnopqrstuvwxyz/-._0123456789"
	words := make([]string, n)
	for i := range words {
		b := make([]byte, 1+rng.IntN(7))
		for j := range b {
			b[j] = letters[rng.IntN(len(letters))]
		}
		words[i] = string(b)
	}
	return words
}

func insert(rng *rand.Rand, words []string, w string) []string {
	i := rng.IntN(len(words) + 1)
	return append(words[:i], append([]string{w}, words[i:]...)...)
}

// quickConfig is a small network that learns the synthetic task in seconds.
func quickConfig() Config {
	c := DefaultConfig()
	c.Arch = Arch{MaxLen: 64, Embed: 8, Widths: []int{2, 4}, Filters: 16, Hidden: 16}
	c.Epochs, c.BatchSize, c.Patience, c.LR = 8, 32, 3, 1e-2
	return c
}

// needsGoMLX skips a test that runs a GoMLX graph under the race detector:
// -race turns on checkptr, which GoMLX's Go backend (compute v0.1.2,
// matmul.smallNoSIMDGeneric) fails with a fatal error, not a test failure.
// The pure-Go inference tests still run under -race.
func needsGoMLX(t testing.TB) {
	t.Helper()
	if raceEnabled {
		t.Skip("GoMLX's Go backend fails checkptr, which -race enables")
	}
}
