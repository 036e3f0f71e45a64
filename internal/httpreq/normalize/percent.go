package normalize

import (
	"strings"
	"unicode/utf8"
)

// PlusSpace turns '+' into a space, as form decoding does.
func PlusSpace(in string) (string, bool) {
	if strings.IndexByte(in, '+') < 0 {
		return in, false
	}
	return strings.ReplaceAll(in, "+", " "), true
}

// URLDecode undoes one layer of percent-encoding. Malformed escapes ("%",
// "%zz") stay as they are, as lenient servers leave them; the pipeline
// repeats it to undo double encoding (%2527 → %27 → ').
func URLDecode(in string) (string, bool) {
	i := strings.IndexByte(in, '%')
	if i < 0 {
		return in, false
	}
	var b []byte
	for ; i < len(in); i++ {
		if in[i] == '%' && i+2 < len(in) && isHex(in[i+1]) && isHex(in[i+2]) {
			if b == nil {
				b = make([]byte, 0, len(in))
				b = append(b, in[:i]...)
			}
			b = append(b, unhex(in[i+1])<<4|unhex(in[i+2]))
			i += 2
			continue
		}
		if b != nil {
			b = append(b, in[i])
		}
	}
	if b == nil {
		return in, false
	}
	return string(b), true
}

// PercentU decodes IIS-style %uXXXX escapes to UTF-8 (surrogates become
// U+FFFD).
func PercentU(in string) (string, bool) {
	if !strings.Contains(in, "%u") && !strings.Contains(in, "%U") {
		return in, false
	}
	var b strings.Builder
	changed := false
	for i := 0; i < len(in); i++ {
		if in[i] == '%' && i+5 < len(in) && (in[i+1] == 'u' || in[i+1] == 'U') && allHex(in[i+2:i+6]) {
			r := rune(hexValue(in[i+2 : i+6]))
			if !utf8.ValidRune(r) {
				r = utf8.RuneError
			}
			b.WriteRune(r)
			i += 5
			changed = true
			continue
		}
		b.WriteByte(in[i])
	}
	if !changed {
		return in, false
	}
	return b.String(), true
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func allHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isHex(s[i]) {
			return false
		}
	}
	return true
}

func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

func hexValue(s string) uint32 {
	var v uint32
	for i := 0; i < len(s); i++ {
		v = v<<4 | uint32(unhex(s[i]))
	}
	return v
}
