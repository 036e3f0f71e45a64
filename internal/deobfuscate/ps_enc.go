package deobfuscate

import (
	"encoding/base64"
	"regexp"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

func init() {
	register(20, Transform{Name: "ps_encoded_command", Lang: "powershell", Fn: PSEncodedCommand})
}

// encFlagRe finds a parameter starting with e after -, / or a dash-like
// character, followed by a Base64 blob (optionally quoted). Whether the
// parameter really abbreviates -EncodedCommand is checked in code.
var encFlagRe = regexp.MustCompile(`(?i)(?:^|[\s"'(])(?:[-/]|\x{2013}|\x{2014}|\x{2015})(e[a-z]*)(?:\s+|:)["']?([A-Za-z0-9+/=]{8,})`)

// psContextRe spots a PowerShell host on the line; short flags (-e, -en)
// are only trusted after one, so that grep -e or sed -e never match.
var psContextRe = regexp.MustCompile(`(?i)powershell|pwsh`)

// PSEncodedCommand replaces a command line that runs PowerShell with
// -EncodedCommand (any abbreviation, - or /, cmd ^ escapes, quoted blob) by
// the decoded script, as Genos does. Truncated blobs decode to their
// longest valid prefix.
func PSEncodedCommand(in string) (string, bool) {
	out, ok := DecodeEncodedCommand(in)
	if !ok || !bounded(in, out) {
		return in, false
	}
	return out, true
}

// DecodeEncodedCommand returns the decoded payload of the first
// -EncodedCommand argument of cmdline: Base64 of UTF-16LE text (over 60%
// printable ASCII) or else of UTF-8 text.
func DecodeEncodedCommand(cmdline string) (string, bool) {
	if !hasEncFlag(cmdline) {
		return "", false
	}
	s := cmdline
	if strings.IndexByte(s, '^') >= 0 {
		s = strings.ReplaceAll(s, "^", "") // cmd.exe escapes: -^e^n^c
	}
	for _, m := range encFlagRe.FindAllStringSubmatchIndex(s, -1) {
		if !isEncFlag(strings.ToLower(s[m[2]:m[3]]), s[:m[0]]) {
			continue
		}
		if text, ok := decodeEncodedBlob(s[m[4]:m[5]]); ok {
			return text, true
		}
	}
	return "", false
}

// hasEncFlag is the cheap precheck: a '-', '/' or dash followed by e/E.
func hasEncFlag(s string) bool {
	for i := 1; i < len(s); i++ {
		if s[i]|0x20 != 'e' && s[i] != '^' {
			continue
		}
		switch s[i-1] {
		case '-', '/', 0x93, 0x94, 0x95, '^':
			return true
		}
	}
	return false
}

// isEncFlag reports whether flag (lower case, without the dash) is an
// abbreviation PowerShell resolves to -EncodedCommand. -e and -en are
// accepted only when a PowerShell host appears before them.
func isEncFlag(flag, before string) bool {
	switch {
	case flag == "ec":
		return true
	case !strings.HasPrefix("encodedcommand", flag):
		return false
	case len(flag) <= 2:
		return psContextRe.MatchString(before)
	}
	return true
}

// decodeEncodedBlob decodes an -EncodedCommand blob, keeping the longest
// valid prefix of a truncated one. A blob cut at the front (misaligned by
// one to three Base64 characters) is realigned, but then only a clean
// UTF-16LE script is accepted, so that shifting never turns binary into
// "text".
func decodeEncodedBlob(blob string) (string, bool) {
	b, ok := decodeBase64Prefix(blob)
	if ok {
		if s, ok := blobText(b); ok {
			return s, true
		}
	}
	for shift := 1; shift < 4 && shift < len(blob); shift++ {
		if b, ok := decodeBase64Prefix(blob[shift:]); ok {
			if s, ok := utf16Script(b, 0.8); ok {
				return s, true
			}
			if s, ok := utf16Prefix(b); ok {
				return s, true
			}
		}
	}
	return "", false
}

// blobText reads decoded bytes as UTF-16LE when over 60% printable ASCII,
// else as UTF-8, else as the clean start of a UTF-16LE script corrupted
// further on (a character lost mid-blob misaligns the rest).
func blobText(b []byte) (string, bool) {
	if s, ok := utf16Script(b, 0.6); ok {
		return s, true
	}
	if s := strings.ToValidUTF8(string(b), ""); len(s) > 3 && printableRatio(s) > 0.6 {
		return s, true
	}
	return utf16Prefix(b)
}

// utf16Prefix returns the clean ASCII start (20 characters at least) of a
// UTF-16LE script, trying both byte alignments.
func utf16Prefix(b []byte) (string, bool) {
	for off := 0; off < 2 && off < len(b); off++ {
		u := b[off:]
		if s, ok := utf16Text(u[:len(u)&^1]); ok {
			if p := asciiPrefix(s); len(p) >= 20 {
				return p, true
			}
		}
	}
	return "", false
}

// utf16Script decodes b as UTF-16LE, also one byte off for a blob cut
// inside a code unit, and accepts it above min printable ASCII.
func utf16Script(b []byte, min float64) (string, bool) {
	for off := 0; off < 2 && off < len(b); off++ {
		u := b[off:]
		if len(u)%2 == 1 {
			u = u[:len(u)-1] // a UTF-16 code unit cut in half
		}
		if s, ok := utf16Text(u); ok && len(s) > 3 && asciiRatio(s) > min {
			return s, true
		}
	}
	return "", false
}

// asciiPrefix returns s up to its first rune that is not printable ASCII
// or common whitespace.
func asciiPrefix(s string) string {
	for i, r := range s {
		if (r < 0x20 || r >= 0x7f) && r != '\t' && r != '\n' && r != '\r' {
			return s[:i]
		}
	}
	return s
}

// decodeBase64Prefix decodes as much of a possibly truncated Base64 blob as
// is valid: padding is dropped, a dangling sixth-bit character is cut and
// non-zero trailing bits are tolerated.
func decodeBase64Prefix(blob string) ([]byte, bool) {
	t := strings.TrimRight(stripSpace(blob), "=")
	if i := strings.IndexByte(t, '='); i >= 0 {
		t = t[:i] // two blobs glued together: keep the first
	}
	if len(t)%4 == 1 {
		t = t[:len(t)-1]
	}
	if len(t) < 2 || len(t) > 2*maxTransformOutput {
		return nil, false
	}
	b, err := base64.RawStdEncoding.DecodeString(t)
	if err != nil {
		return nil, false
	}
	return b, true
}

// utf16Text decodes UTF-16LE bytes (odd length not allowed), dropping a BOM
// and any invalid surrogate as U+FFFD.
func utf16Text(b []byte) (string, bool) {
	if len(b) < 2 || len(b)%2 != 0 {
		return "", false
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i]) | uint16(b[2*i+1])<<8
	}
	if u[0] == 0xfeff {
		u = u[1:]
	}
	s := string(utf16.Decode(u))
	return s, utf8.ValidString(s)
}
