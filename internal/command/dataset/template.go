package dataset

import (
	"strings"
	"unicode"
)

// templateTokens is how many leading words make a template key.
const templateTokens = 3

// Template returns the coarse template of a command: its first words,
// lower-cased, with digits, IP addresses and user@host targets folded, so
// that generated variants of one pattern ("ssh -R 4444:localhost:22
// deploy@10.0.0.5", "ssh -R 8080:localhost:80 audit@192.168.1.9") share a
// key and land on the same side of a split.
func Template(cmd string) string {
	f := strings.Fields(strings.ToLower(cmd))
	for len(f) > 1 && (f[0] == "sudo" || f[0] == "env" || f[0] == "time" || f[0] == "nohup") {
		f = f[1:]
	}
	if len(f) > 0 {
		f[0] = executable(f[0])
	}
	if len(f) > templateTokens {
		f = f[:templateTokens]
	}
	for i, w := range f {
		f[i] = foldWord(w)
	}
	return strings.Join(f, " ")
}

// foldWord replaces runs of digits by one 0 and a user@host by "@".
func foldWord(w string) string {
	if i := strings.IndexByte(w, '@'); i > 0 && i < len(w)-1 {
		return "@"
	}
	var b strings.Builder
	prevDigit := false
	for _, r := range w {
		d := unicode.IsDigit(r)
		if !d || !prevDigit {
			if d {
				r = '0'
			}
			b.WriteRune(r)
		}
		prevDigit = d
	}
	return b.String()
}
