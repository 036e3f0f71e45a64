package deobfuscate

import (
	"regexp"
	"strings"
)

func init() {
	register(61, Transform{Name: "sh_noise", Lang: "sh", Fn: ShNoise})
	register(62, Transform{Name: "sh_ifs", Lang: "sh", Fn: ShIFS})
}

// shNoiseRe matches the empty positional-parameter expansions bashfuscator
// splices into words: $@, $*, ${@}, ${*} and their case-modified forms.
var shNoiseRe = regexp.MustCompile(`\$[@*]|\$\{[@*](?:\^\^?|,,?|~~?)?\}`)

// ShNoise removes $@ and $* spliced inside a word (wh$@oami -> whoami). In
// a one-liner run by sh -c they expand to nothing. Only a match touching a
// letter or digit goes, so "$@" and $* used as arguments stay.
func ShNoise(in string) (string, bool) {
	if !strings.Contains(in, "$@") && !strings.Contains(in, "$*") && !strings.Contains(in, "${@") && !strings.Contains(in, "${*") {
		return in, false
	}
	return shReplaceUnquoted(in, shNoiseRe, func(s string, m []int, _ uint8) (string, bool) {
		before := m[0] > 0 && shAlnum(s[m[0]-1])
		after := m[1] < len(s) && shAlnum(s[m[1]])
		return "", before || after
	})
}

// shIFSRe matches $IFS and ${IFS} with the trimming forms used to make a
// single separator (${IFS%??}, ${IFS:0:1}), plus an empty $9-style
// positional parameter used to end the name ($IFS$9).
var shIFSRe = regexp.MustCompile(`(?:\$\{IFS(?:[%#]{1,2}\?*|:0?:1)?\}|\$IFS\b)(?:\$[1-9]|\$\{[1-9]\})?`)

// ShIFS turns $IFS separators into a space: cat${IFS}/etc/passwd ->
// cat /etc/passwd. Inside single quotes they are literal and stay.
func ShIFS(in string) (string, bool) {
	if !strings.Contains(in, "IFS") {
		return in, false
	}
	return shReplaceUnquoted(in, shIFSRe, func(string, []int, uint8) (string, bool) { return " ", true })
}

// shReplaceUnquoted replaces the matches of re that are not inside single
// quotes with what repl returns (when it reports true). repl gets the
// submatch indices and the quoting state the match starts in.
func shReplaceUnquoted(in string, re *regexp.Regexp, repl func(s string, m []int, ctx uint8) (string, bool)) (string, bool) {
	ms := re.FindAllStringSubmatchIndex(in, -1)
	if ms == nil {
		return in, false
	}
	st := shQuoteStates(in)
	var b strings.Builder
	last := 0
	for _, m := range ms {
		if st[m[0]] == shSingle {
			continue
		}
		r, ok := repl(in, m, st[m[0]])
		if !ok {
			continue
		}
		b.WriteString(in[last:m[0]])
		b.WriteString(r)
		last = m[1]
	}
	b.WriteString(in[last:])
	return shBounded(in, b.String())
}
