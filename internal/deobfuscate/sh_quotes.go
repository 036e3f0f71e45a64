package deobfuscate

import "strings"

func init() {
	register(63, Transform{Name: "sh_quotes", Lang: "sh", Fn: ShQuotes})
}

// shMaxNest bounds recursion into $(...) bodies; it stops stack exhaustion
// from thousands of nested substitutions.
const shMaxNest = 8

// ShQuotes removes quotes and backslashes the shell would drop inside a word:
// w'h'o"am"i -> whoami, wh”oami -> whoami, c\at /et\c/pa\sswd ->
// cat /etc/passwd. A quoted piece loses its quotes only when its content
// needs none (letters, digits, . _ / : @ % + , = -) and a letter or digit
// glues it to its neighbour, so quoted arguments ('a b', '*.go', '^[a-z]+$',
// '{print $1}', --format='%H') stay. A backslash goes only before a letter,
// digit or / . _ . Lines that look like cmd.exe, PowerShell or carry
// Windows paths are left alone, since their quotes and backslashes mean
// something else.
func ShQuotes(in string) (string, bool) {
	if !strings.ContainsAny(in, `'"\`) || shForeign(in) {
		return in, false
	}
	out, ok := shQuotesIn(in, 0)
	if !ok || out == in || !bounded(in, out) {
		return in, false
	}
	return out, true
}

// shSeg is one piece of a shell word. kind is 'r' (bare text), '\” or '"'
// (quoted, val without quotes), '\\' (an escape, val the escaped byte) or
// '$' (an expansion, copied as written).
type shSeg struct {
	kind     byte
	raw, val string
}

func shQuotesIn(in string, depth int) (string, bool) {
	var b strings.Builder
	b.Grow(len(in))
	for i := 0; i < len(in); {
		c := in[i]
		if shIsOp(c) {
			b.WriteByte(c)
			i++
			continue
		}
		if c == '#' && (i == 0 || shIsOp(in[i-1])) {
			b.WriteString(in[i:]) // a comment
			break
		}
		segs, j := shSegments(in, i)
		if j < 0 {
			return in, false
		}
		b.WriteString(shJoinWord(segs, depth))
		i = j
	}
	return b.String(), true
}

// shSegments splits the word at s[i:] into pieces and returns the index
// after it, or -1 when a quote or substitution is not closed.
func shSegments(s string, i int) ([]shSeg, int) {
	var segs []shSeg
	for i < len(s) && !shIsOp(s[i]) {
		j := shSegEnd(s, i)
		if j < 0 {
			return nil, -1
		}
		seg := shSeg{kind: 'r', raw: s[i:j], val: s[i:j]}
		switch c := s[i]; {
		case c == '\'' || c == '"':
			seg.kind, seg.val = c, s[i+1:j-1]
		case c == '\\' && j-i == 2:
			seg.kind, seg.val = '\\', s[i+1:j]
		case c == '$' && j-i > 1 || c == '`':
			seg.kind, seg.val = '$', "$"
		}
		segs = append(segs, seg)
		i = j
	}
	return segs, i
}

// shSegEnd returns the end of the piece starting at s[i].
func shSegEnd(s string, i int) int {
	switch s[i] {
	case '\'':
		return shCloseAt(s, i+1, '\'', false)
	case '"':
		return shCloseAt(s, i+1, '"', true)
	case '`':
		return shCloseAt(s, i+1, '`', true)
	case '\\':
		return min(i+2, len(s))
	case '$':
		return shDollarEnd(s, i)
	}
	j := i
	for j < len(s) && !shIsOp(s[j]) && strings.IndexByte("'\"`\\$", s[j]) < 0 {
		j++
	}
	return j
}

// shCloseAt returns the index after the quote q that closes text starting
// at i; with esc, backslashes escape and $(...) bodies are skipped.
func shCloseAt(s string, i int, q byte, esc bool) int {
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c == q:
			return i + 1
		case esc && c == '\\':
			i++
		case esc && c == '$' && i+1 < len(s) && s[i+1] == '(':
			j := shParenEnd(s, i+1)
			if j < 0 {
				return -1
			}
			i = j - 1
		}
	}
	return -1
}

// shDollarEnd returns the end of the expansion starting with $ at s[i].
func shDollarEnd(s string, i int) int {
	if i+1 == len(s) {
		return i + 1
	}
	switch c := s[i+1]; {
	case c == '(':
		return shParenEnd(s, i+1)
	case c == '{':
		return shBraceEnd(s, i+1)
	case c == '\'':
		if k := shANSIEnd(s, i+2); k >= 0 {
			return k + 1
		}
		return -1
	case c == '"':
		return shCloseAt(s, i+2, '"', true)
	case strings.IndexByte("@*#?$!-0123456789", c) >= 0:
		return i + 2
	case c == '_' || cmdLetter(c):
		j := i + 2
		for j < len(s) && (s[j] == '_' || shAlnum(s[j])) {
			j++
		}
		return j
	}
	return i + 1
}

// shParenEnd returns the index after the ) matching the ( at s[i], skipping
// quoted text, or -1.
func shParenEnd(s string, i int) int {
	depth := 0
	for ; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return i + 1
			}
		case '\\':
			i++
		case '\'', '"', '`':
			j := shCloseAt(s, i+1, s[i], s[i] != '\'')
			if j < 0 {
				return -1
			}
			i = j - 1
		}
	}
	return -1
}

// shBraceEnd returns the index after the } matching the { at s[i], or -1.
func shBraceEnd(s string, i int) int {
	depth := 0
	for ; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			if depth--; depth == 0 {
				return i + 1
			}
		case '\\':
			i++
		}
	}
	return -1
}

// shJoinWord writes a word back, dropping the quotes and escapes that are
// only splitting it, and cleaning $(...) bodies recursively.
func shJoinWord(segs []shSeg, depth int) string {
	adj := make([]cmdSegment, len(segs))
	for k, s := range segs {
		adj[k] = cmdSegment{text: s.val, quoted: s.kind != 'r'}
	}
	var b strings.Builder
	for k, s := range segs {
		switch {
		case (s.kind == '\'' || s.kind == '"') && shPlain(s.val) && len(segs) > 1 && segJoins(adj, k):
			b.WriteString(s.val)
		case s.kind == '\\' && (shAlnum(s.val[0]) || strings.IndexByte("/._", s.val[0]) >= 0):
			b.WriteString(s.val)
		case s.kind == '$' && depth < shMaxNest && strings.HasPrefix(s.raw, "$(") && !strings.HasPrefix(s.raw, "$(("):
			inner, ok := shQuotesIn(s.raw[2:len(s.raw)-1], depth+1)
			if !ok {
				inner = s.raw[2 : len(s.raw)-1]
			}
			b.WriteString("$(" + inner + ")")
		default:
			b.WriteString(s.raw)
		}
	}
	return b.String()
}

// shPlain reports whether quoted text means the same without its quotes.
func shPlain(t string) bool {
	for i := 0; i < len(t); i++ {
		if !shSafeByte(t[i]) {
			return false
		}
	}
	return true
}
