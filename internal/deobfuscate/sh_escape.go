package deobfuscate

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Escape dialects understood by shUnescape.
const (
	shEscANSI   = iota // bash $'...'
	shEscPrintf        // printf format: \NNN octal, %% is %
	shEscEcho          // echo -e: \0NNN octal, \c ends output
)

// shUnescape interprets the backslash escapes of a bash $'...' string, a
// printf format or an echo -e argument. It fails on printf directives other
// than %%, since their output depends on arguments. Decoding stops at a NUL,
// as bash's strings do.
func shUnescape(s string, dialect int) (string, bool) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if dialect == shEscPrintf && c == '%' {
			if i+1 < len(s) && s[i+1] == '%' {
				b.WriteByte('%')
				i++
				continue
			}
			return "", false
		}
		if c != '\\' || i+1 == len(s) {
			b.WriteByte(c)
			continue
		}
		n, stop := shEscapeAt(&b, s[i+1:], dialect)
		if stop {
			break
		}
		i += n
	}
	out, _, _ := strings.Cut(b.String(), "\x00")
	return out, utf8.ValidString(out)
}

// shEscapeAt writes the escape whose text (after the backslash) starts e,
// returning how many bytes it used and whether output ends here (\c).
func shEscapeAt(b *strings.Builder, e string, dialect int) (int, bool) {
	if k := strings.IndexByte(`abefnrtv`, e[0]); k >= 0 {
		b.WriteByte("\a\b\x1b\f\n\r\t\v"[k])
		return 1, false
	}
	switch c := e[0]; {
	case c == 'E':
		b.WriteByte(0x1b)
		return 1, false
	case c == 'c' && dialect == shEscEcho:
		return 0, true
	case c == 'x':
		return shNumEscape(b, e, 1, 2, 16, false)
	case c == 'u':
		return shNumEscape(b, e, 1, 4, 16, true)
	case c == 'U':
		return shNumEscape(b, e, 1, 8, 16, true)
	case c == '0' && dialect == shEscEcho:
		return shNumEscape(b, e, 1, 3, 8, false)
	case c >= '0' && c <= '7':
		return shNumEscape(b, e, 0, 3, 8, false)
	case c == '\\' || c == '\'' || c == '"' || c == '?':
		b.WriteByte(c)
		return 1, false
	}
	b.WriteByte('\\')
	b.WriteByte(e[0])
	return 1, false
}

// shNumEscape reads up to max digits in base after skip bytes of e and
// writes the byte (or, with asRune, the UTF-8 rune) they name. Without any
// digit the escape is kept as written.
func shNumEscape(b *strings.Builder, e string, skip, maxDigits, base int, asRune bool) (int, bool) {
	j := skip
	for j < len(e) && j-skip < maxDigits && shDigitIn(e[j], base) {
		j++
	}
	if j == skip {
		b.WriteByte('\\')
		b.WriteString(e[:skip])
		return skip, false
	}
	v, _ := strconv.ParseUint(e[skip:j], base, 32)
	switch {
	case asRune && utf8.ValidRune(rune(v)):
		b.WriteRune(rune(v))
	case asRune:
		b.WriteString(`\` + e[:j])
	default:
		b.WriteByte(byte(v))
	}
	return j, false
}

func shDigitIn(c byte, base int) bool {
	if base == 8 {
		return c >= '0' && c <= '7'
	}
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
