package deobfuscate

import (
	"regexp"
	"strings"
	"unicode/utf16"
)

func init() {
	register(23, Transform{Name: "ps_getstring_base64", Lang: "powershell", Fn: PSGetStringBase64})
	register(24, Transform{Name: "ps_frombase64", Lang: "powershell", Fn: PSFromBase64})
}

// b64Call matches [Convert]::FromBase64String('blob') with an optional
// [System.Convert]:: prefix; group 1 is the blob.
const b64Call = `(?:\[(?:system\.)?convert\]\s*::\s*)?frombase64string\(\s*['"]([A-Za-z0-9+/=\s]{8,})['"]\s*\)`

var (
	getStringRe = regexp.MustCompile(`(?i)\[(?:system\.)?text\.encoding\]\s*::\s*(utf8|unicode|ascii|default|utf32|bigendianunicode|utf7)\s*\.\s*getstring\(\s*` + b64Call + `\s*\)`)
	fromB64Re   = regexp.MustCompile(`(?i)` + b64Call)
)

// PSGetStringBase64 replaces
// [Text.Encoding]::<Enc>.GetString([Convert]::FromBase64String('...')) by
// the decoded text as a quoted literal, decoding with the named encoding.
func PSGetStringBase64(in string) (string, bool) {
	if !containsFold(in, "getstring") || !containsFold(in, "frombase64string") {
		return in, false
	}
	out := getStringRe.ReplaceAllStringFunc(in, func(m string) string {
		g := getStringRe.FindStringSubmatch(m)
		b, ok := decodeBase64(g[2])
		if !ok {
			return m
		}
		text := decodeWith(strings.ToLower(g[1]), b)
		if printableRatio(text) < 0.5 {
			return m
		}
		return psQuote(text)
	})
	return psResult(in, out)
}

// decodeWith decodes b with the .NET encoding of the given (lower-case)
// name.
func decodeWith(enc string, b []byte) string {
	switch enc {
	case "unicode", "bigendianunicode":
		u := make([]uint16, len(b)/2)
		for i := range u {
			lo, hi := b[2*i], b[2*i+1]
			if enc == "bigendianunicode" {
				lo, hi = hi, lo
			}
			u[i] = uint16(lo) | uint16(hi)<<8
		}
		return string(utf16.Decode(u))
	case "utf32":
		r := make([]rune, len(b)/4)
		for i := range r {
			r[i] = rune(b[4*i]) | rune(b[4*i+1])<<8 | rune(b[4*i+2])<<16 | rune(b[4*i+3])<<24
		}
		return strings.ToValidUTF8(string(r), "\uFFFD")
	case "ascii":
		return strings.Map(func(r rune) rune {
			if r >= 0x80 {
				return '?'
			}
			return r
		}, string(b))
	}
	return strings.ToValidUTF8(string(b), "\uFFFD")
}

// PSFromBase64 inlines FromBase64String('...') whose bytes are text
// (UTF-16LE or UTF-8, over 80% printable) as a quoted literal, as Genos
// step 4 does. Binary payloads (shellcode, compressed data) are left alone.
func PSFromBase64(in string) (string, bool) {
	if !containsFold(in, "frombase64string") {
		return in, false
	}
	out := fromB64Re.ReplaceAllStringFunc(in, func(m string) string {
		b, ok := decodeBase64(fromB64Re.FindStringSubmatch(m)[1])
		if !ok {
			return m
		}
		text, ok := bytesToText(b, 0.8)
		if !ok {
			return m
		}
		return psQuote(text)
	})
	return psResult(in, out)
}

// psResult returns out when it differs from in and is bounded, else in.
func psResult(in, out string) (string, bool) {
	if out == in || !bounded(in, out) {
		return in, false
	}
	return out, true
}
