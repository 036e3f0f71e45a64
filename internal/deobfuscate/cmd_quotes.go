package deobfuscate

import "strings"

func init() {
	register(81, Transform{Name: "cmd_quotes", Lang: "cmd", Fn: CmdQuotes})
}

// CmdQuotes removes double-quote pairs that sit inside a word:
// p"o"wer"sh"ell -> powershell, "p""o""w"er -> power. cmd.exe and the
// Windows argument parser drop such quotes, so the program sees the joined
// word. A pair is removed only when its content is plain (letters, digits,
// . _ - \ / :) and a letter or digit touches it from outside on a side where
// its own content is a letter or digit too, so quoted arguments ("C:\Program
// Files", -m "fix: a^b", --name="x") stay as written.
func CmdQuotes(in string) (string, bool) {
	if strings.Count(in, `"`) < 2 {
		return in, false
	}
	var b strings.Builder
	b.Grow(len(in))
	for i := 0; i < len(in); {
		j := cmdWordEnd(in, i)
		if j == i {
			b.WriteByte(in[i])
			i++
			continue
		}
		b.WriteString(cmdUnquoteWord(in[i:j]))
		i = j
	}
	out := b.String()
	if out == in || !bounded(in, out) {
		return in, false
	}
	return out, true
}

// cmdWordEnd returns the end of the word at s[i:]: the first space or tab
// outside double quotes. An unbalanced quote runs to the end of the line.
func cmdWordEnd(s string, i int) int {
	quoted := false
	for ; i < len(s); i++ {
		switch s[i] {
		case '"':
			quoted = !quoted
		case ' ', '\t', '\n', '\r':
			if !quoted {
				return i
			}
		}
	}
	return i
}

// cmdSegment is one piece of a word: quoted (without its quotes) or bare.
type cmdSegment struct {
	text   string
	quoted bool
}

// cmdUnquoteWord drops the removable quote pairs of one word.
func cmdUnquoteWord(w string) string {
	if strings.Count(w, `"`)%2 != 0 || !strings.Contains(w, `"`) {
		return w
	}
	segs := cmdSegments(w)
	if len(segs) < 2 {
		return w
	}
	var b strings.Builder
	for k, s := range segs {
		if !s.quoted {
			b.WriteString(s.text)
			continue
		}
		if cmdPlain(s.text) && segJoins(segs, k) {
			b.WriteString(s.text)
		} else {
			b.WriteString(`"` + s.text + `"`)
		}
	}
	return b.String()
}

func cmdSegments(w string) []cmdSegment {
	var segs []cmdSegment
	for w != "" {
		if w[0] == '"' {
			j := strings.IndexByte(w[1:], '"')
			segs = append(segs, cmdSegment{w[1 : 1+j], true})
			w = w[j+2:]
			continue
		}
		j := strings.IndexByte(w, '"')
		if j < 0 {
			j = len(w)
		}
		segs = append(segs, cmdSegment{w[:j], false})
		w = w[j:]
	}
	return segs
}

// segJoins reports whether segment k is glued to a neighbour by letters or
// digits on both sides of one boundary (an empty segment needs only the
// neighbour's).
func segJoins(segs []cmdSegment, k int) bool {
	t := segs[k].text
	if k > 0 {
		p := segs[k-1].text
		if p != "" && shAlnum(p[len(p)-1]) && (t == "" || shAlnum(t[0])) {
			return true
		}
	}
	if k+1 < len(segs) {
		n := segs[k+1].text
		if n != "" && shAlnum(n[0]) && (t == "" || shAlnum(t[len(t)-1])) {
			return true
		}
	}
	return false
}

// cmdPlain reports whether quoted text can lose its quotes unchanged.
func cmdPlain(t string) bool {
	for i := 0; i < len(t); i++ {
		c := t[i]
		if !shAlnum(c) && strings.IndexByte(`._-\/:`, c) < 0 {
			return false
		}
	}
	return true
}
