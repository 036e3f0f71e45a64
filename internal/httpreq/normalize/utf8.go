package normalize

import (
	"strings"
	"unicode/utf8"
)

// OverlongUTF8 decodes overlong UTF-8 sequences to the character they
// spell: C0 AE is '.', C0 AF is '/', E0 80 AF is '/' too. Decoders that
// accept them let "..%c0%af" walk directories past filters that look for
// "../".
func OverlongUTF8(in string) (string, bool) {
	if utf8.ValidString(in) {
		return in, false
	}
	var b strings.Builder
	changed := false
	for i := 0; i < len(in); {
		if r, n := overlong(in[i:]); n > 0 {
			b.WriteRune(r)
			i += n
			changed = true
			continue
		}
		b.WriteByte(in[i])
		i++
	}
	if !changed {
		return in, false
	}
	return b.String(), true
}

// overlong returns the code point of an overlong sequence at the start of
// s and its length, or 0 length when there is none.
func overlong(s string) (rune, int) {
	cont := func(i int) bool { return i < len(s) && s[i]&0xC0 == 0x80 }
	switch c := s[0]; {
	case (c == 0xC0 || c == 0xC1) && cont(1):
		return rune(c&0x1F)<<6 | rune(s[1]&0x3F), 2
	case c == 0xE0 && cont(1) && s[1] < 0xA0 && cont(2):
		return rune(s[1]&0x3F)<<6 | rune(s[2]&0x3F), 3
	case c == 0xF0 && cont(1) && s[1] < 0x90 && cont(2) && cont(3):
		return rune(s[1]&0x3F)<<12 | rune(s[2]&0x3F)<<6 | rune(s[3]&0x3F), 4
	}
	return 0, 0
}

// Latin1 reads bytes that are not valid UTF-8 as ISO-8859-1, the charset
// of older forms (%F1 is ñ): the text becomes valid UTF-8 and distinct
// characters stay distinct instead of all turning into U+FFFD.
func Latin1(in string) (string, bool) {
	if utf8.ValidString(in) {
		return in, false
	}
	var b strings.Builder
	b.Grow(len(in) + 8)
	for i := 0; i < len(in); {
		r, n := utf8.DecodeRuneInString(in[i:])
		if r == utf8.RuneError && n == 1 {
			b.WriteRune(rune(in[i]))
		} else {
			b.WriteString(in[i : i+n])
		}
		i += n
	}
	return b.String(), true
}

// Fullwidth maps the full-width forms of ASCII (U+FF01–U+FF5E: ＜ｓｃｒｉｐｔ＞)
// to ASCII, as NFKC normalisation in a back end would. Other bytes,
// valid UTF-8 or not, are kept.
func Fullwidth(in string) (string, bool) {
	if !strings.Contains(in, "\xef\xbc") && !strings.Contains(in, "\xef\xbd") {
		return in, false
	}
	var b strings.Builder
	changed := false
	for i := 0; i < len(in); {
		r, n := utf8.DecodeRuneInString(in[i:])
		if r >= 0xFF01 && r <= 0xFF5E {
			b.WriteByte(byte(r - 0xFEE0))
			changed = true
		} else {
			b.WriteString(in[i : i+n])
		}
		i += n
	}
	if !changed {
		return in, false
	}
	return b.String(), true
}
