package deobfuscate

import (
	"encoding/base64"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

func init() {
	register(10, Transform{Name: "bare_base64", Lang: "any", Fn: BareBase64})
}

// BareBase64 decodes a command line that is nothing but Base64 (as Genos
// G2/G3 do): at least 8 characters, length a multiple of 4, decoding strictly
// to UTF-16LE or UTF-8 text that is over 90% printable.
func BareBase64(in string) (string, bool) {
	s := strings.TrimSpace(in)
	if len(s) < 8 || len(s)%4 != 0 || !isBase64Alphabet(s, false) {
		return in, false
	}
	b, ok := decodeBase64(s)
	if !ok {
		return in, false
	}
	out, ok := bytesToText(b, 0.9)
	if !ok || !bounded(in, out) {
		return in, false
	}
	return out, true
}

// isBase64Alphabet reports whether s is made only of standard Base64
// characters with at most two trailing '='. With urlSafe, '-' and '_' count
// too.
func isBase64Alphabet(s string, urlSafe bool) bool {
	t := strings.TrimRight(s, "=")
	if len(s)-len(t) > 2 || t == "" {
		return false
	}
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '+', c == '/':
		case urlSafe && (c == '-' || c == '_'):
		default:
			return false
		}
	}
	return true
}

// decodeBase64 decodes standard or URL-safe Base64, padded or not.
// Whitespace inside the blob is ignored, as PowerShell and base64 -d do.
func decodeBase64(s string) ([]byte, bool) {
	s = stripSpace(s)
	if len(s) > maxTransformOutput*2 {
		return nil, false
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.Strict().DecodeString(s); err == nil {
			return b, true
		}
	}
	return nil, false
}

func stripSpace(s string) string {
	if !strings.ContainsAny(s, " \t\r\n") {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\r', '\n':
			return -1
		}
		return r
	}, s)
}

// bytesToText turns decoded bytes into text: UTF-16LE first (what
// PowerShell's -EncodedCommand uses), then UTF-8. The text must be longer
// than 3 characters and at least minPrintable printable.
func bytesToText(b []byte, minPrintable float64) (string, bool) {
	if s, ok := utf16LE(b); ok && len(s) > 3 && asciiRatio(s) >= minPrintable {
		return s, true
	}
	if utf8.Valid(b) && len(b) > 3 {
		s := string(b)
		if printableRatio(s) >= minPrintable {
			return s, true
		}
	}
	return "", false
}

// utf16LE decodes b as UTF-16 little endian (an optional BOM is dropped).
func utf16LE(b []byte) (string, bool) {
	if len(b) < 2 || len(b)%2 != 0 {
		return "", false
	}
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		u = append(u, uint16(b[i])|uint16(b[i+1])<<8)
	}
	if len(u) > 0 && u[0] == 0xfeff {
		u = u[1:]
	}
	return string(utf16.Decode(u)), true
}

// printableRatio is the share of runes that are printable or common
// whitespace.
func printableRatio(s string) float64 {
	if s == "" {
		return 0
	}
	good, n := 0, 0
	for _, r := range s {
		n++
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			good++
		case r >= 0x20 && r < 0x7f:
			good++
		case r >= 0xa0 && r != utf8.RuneError && r < 0xfff0:
			good++
		}
	}
	return float64(good) / float64(n)
}

// asciiRatio is the share of runes that are printable ASCII or common
// whitespace: the check Genos applies to UTF-16LE payloads, which are
// almost always ASCII scripts.
func asciiRatio(s string) float64 {
	good, n := 0, 0
	for _, r := range s {
		n++
		if (r >= 0x20 && r < 0x7f) || r == '\t' || r == '\n' || r == '\r' {
			good++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(good) / float64(n)
}
