package loadtest

import (
	_ "embed"
	"encoding/json"
	"math/rand/v2"
	"strings"
)

// The built-in command lines: day-to-day administration and development
// (benign), and attacks seen in the wild (reverse shells, download and
// execute, encoded PowerShell, credential theft, persistence, defence
// evasion, destruction). Both shells and cmd.exe.
var (
	//go:embed corpus/benign.txt
	benignText string
	//go:embed corpus/malicious.txt
	maliciousText string
)

// Corpus holds the request bodies, already encoded.
type Corpus struct {
	Benign, Malicious [][]byte
}

// DefaultCorpus returns the built-in command lines as request bodies.
func DefaultCorpus() *Corpus {
	return &Corpus{Benign: bodies(benignText), Malicious: bodies(maliciousText)}
}

// bodies encodes each non-empty line as {"command": line}.
func bodies(text string) [][]byte {
	var out [][]byte
	for line := range strings.Lines(text) {
		line = strings.TrimRight(line, "\r\n")
		if strings.TrimSpace(line) == "" {
			continue
		}
		b, _ := json.Marshal(map[string]string{"command": line}) // a string always marshals
		out = append(out, b)
	}
	return out
}

// pick returns a request body: malicious with probability share.
func (c *Corpus) pick(rng *rand.Rand, share float64) (body []byte, malicious bool) {
	if rng.Float64() < share {
		return c.Malicious[rng.IntN(len(c.Malicious))], true
	}
	return c.Benign[rng.IntN(len(c.Benign))], false
}
