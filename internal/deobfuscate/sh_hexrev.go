package deobfuscate

import (
	"encoding/hex"
	"regexp"
	"strings"
	"unicode/utf8"
)

func init() {
	register(66, Transform{Name: "sh_xxd", Lang: "sh", Fn: ShXXD})
	register(67, Transform{Name: "sh_rev", Lang: "sh", Fn: ShRev})
}

// shXXDRe matches echo <hex> | xxd -r -p (also -r -ps, -p -r, -rp).
var shXXDRe = regexp.MustCompile(shEchoPrefix + `(?:'([0-9A-Fa-f\s]{4,})'|"([0-9A-Fa-f\s]{4,})"|([0-9A-Fa-f]{4,}))` +
	`\s*\|\s*xxd\s+(?:-r(?:evert)?\s+-p(?:s|lain)?|-p(?:s|lain)?\s+-r(?:evert)?|-rp|-pr|-rps)\b`)

// ShXXD decodes `echo <hex> | xxd -r -p` into echo '<text>', which writes the
// same text, when the bytes are mostly printable UTF-8.
func ShXXD(in string) (string, bool) {
	if !strings.Contains(in, "xxd") {
		return in, false
	}
	return shRewrite(in, shXXDRe, func(m []string) (string, bool) {
		h := stripSpace(m[1] + m[2] + m[3])
		if len(h)%2 == 1 {
			h = h[:len(h)-1] // xxd ignores a trailing half byte
		}
		raw, err := hex.DecodeString(h)
		if err != nil || !utf8.Valid(raw) || printableRatio(string(raw)) < 0.7 {
			return "", false
		}
		return "echo " + shWord(strings.TrimRight(string(raw), "\r\n")), true
	})
}

// shRevLiteral is a literal rev can read: '...', "..." without expansions,
// or a bare word of safe characters.
const shRevLiteral = `('[^']*'|"[^"$` + "`" + `\\]*"|[A-Za-z0-9_./:=,+@%-]+)`

// shRevRe matches echo '<text>' | rev and rev <<< '<text>'.
var shRevRe = regexp.MustCompile(`(?:\b(echo|printf)(?:\s+-[nE]+)*\s+` + shRevLiteral + `\s*\|\s*rev\b|\brev\s*<<<\s*` + shRevLiteral + `)`)

// ShRev reverses `echo '<text>' | rev` and `rev <<< '<text>'` into
// echo '<reversed>', which writes the same text.
func ShRev(in string) (string, bool) {
	if !strings.Contains(in, "rev") {
		return in, false
	}
	return shRewrite(in, shRevRe, func(m []string) (string, bool) {
		lit := m[2] + m[3]
		v, _, ok := shLiteral(lit, 0, 0)
		if !ok || strings.Contains(v, `\`) || m[1] == "printf" && strings.Contains(v, "%") {
			return "", false
		}
		return "echo " + shWord(shReverseLines(v)), true
	})
}

// shReverseLines reverses the runes of each line, as rev does.
func shReverseLines(s string) string {
	lines := strings.Split(s, "\n")
	for k, l := range lines {
		r := []rune(l)
		for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
			r[i], r[j] = r[j], r[i]
		}
		lines[k] = string(r)
	}
	return strings.Join(lines, "\n")
}

// shRewrite replaces each match of re outside single quotes by what fn
// returns for its submatches (when it reports true).
func shRewrite(in string, re *regexp.Regexp, fn func(m []string) (string, bool)) (string, bool) {
	return shReplaceUnquoted(in, re, func(s string, idx []int, _ uint8) (string, bool) {
		sm := make([]string, len(idx)/2)
		for g := range sm {
			if idx[2*g] >= 0 {
				sm[g] = s[idx[2*g]:idx[2*g+1]]
			}
		}
		return fn(sm)
	})
}
