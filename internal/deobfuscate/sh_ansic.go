package deobfuscate

import "strings"

func init() {
	register(60, Transform{Name: "sh_ansi_c", Lang: "sh", Fn: ShANSIC})
}

// ShANSIC decodes bash ANSI-C strings: $'\x77\x68\x6f\x61\x6d\x69' ->
// whoami, $'\167', $'\u0077', $'a\nb'. The decoded text is written bare
// when it needs no quoting and quoted otherwise, so the word stays one word.
// A $'...' inside single or double quotes is plain text and is left alone.
func ShANSIC(in string) (string, bool) {
	if !strings.Contains(in, "$'") {
		return in, false
	}
	st := shQuoteStates(in)
	var b strings.Builder
	b.Grow(len(in))
	for i := 0; i < len(in); i++ {
		if in[i] != '$' || i+1 == len(in) || in[i+1] != '\'' || st[i] != shUnquoted {
			b.WriteByte(in[i])
			continue
		}
		end := shANSIEnd(in, i+2)
		if end < 0 {
			return in, false
		}
		v, ok := shUnescape(in[i+2:end], shEscANSI)
		if !ok {
			b.WriteString(in[i : end+1])
		} else {
			b.WriteString(shWord(v))
		}
		i = end
	}
	out := b.String()
	if out == in || !bounded(in, out) {
		return in, false
	}
	return out, true
}

// shANSIEnd returns the index of the quote closing a $'...' body that
// starts at i, or -1.
func shANSIEnd(s string, i int) int {
	for ; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '\'':
			return i
		}
	}
	return -1
}
