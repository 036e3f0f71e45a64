package deobfuscate

import "strings"

// Quoting states reported by shQuoteStates.
const (
	shUnquoted uint8 = iota
	shSingle         // inside '...' or $'...': nothing expands
	shDouble         // inside "...": $ and ` still expand
)

// shQuoteStates returns the POSIX-shell quoting state each byte of s is read
// in. The quote characters carry the state they open or close. It is
// approximate (command substitutions inside "..." keep the outer state) but
// enough to keep transforms away from single-quoted text.
func shQuoteStates(s string) []uint8 {
	st := make([]uint8, len(s))
	q := shUnquoted
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case q == shSingle:
			st[i] = q
			if c == '\'' {
				q = shUnquoted
			}
		case q == shDouble:
			st[i] = q
			if c == '\\' && i+1 < len(s) {
				i++
				st[i] = q
			} else if c == '"' {
				q = shUnquoted
			}
		case c == '\\' && i+1 < len(s):
			i++
		case c == '$' && i+1 < len(s) && s[i+1] == '\'':
			i = shMarkANSI(s, st, i)
		case c == '\'':
			st[i], q = shSingle, shSingle
		case c == '"':
			st[i], q = shDouble, shDouble
		}
	}
	return st
}

// shMarkANSI marks the $'...' string at s[i:] as single-quoted, honouring
// its backslash escapes, and returns the index of its closing quote.
func shMarkANSI(s string, st []uint8, i int) int {
	st[i+1] = shSingle // the $ itself is read unquoted
	for i += 2; i < len(s); i++ {
		st[i] = shSingle
		switch s[i] {
		case '\\':
			if i+1 < len(s) {
				i++
				st[i] = shSingle
			}
		case '\'':
			return i
		}
	}
	return i
}

// shForeign reports whether s looks like a cmd.exe or PowerShell line, or
// carries Windows paths, where POSIX quote and backslash rules would damage
// the text (C:\Windows, 'a'+'b').
func shForeign(s string) bool {
	if cmdLooksCmd(s) || strings.Contains(s, `:\`) || strings.HasPrefix(s, `\\`) {
		return true
	}
	for _, m := range []string{"powershell", "pwsh", "$env:", "[char]", ".exe", "-join", "iex"} {
		if cmdContainsFold(s, m) {
			return true
		}
	}
	return false
}

// shIsOp reports whether c ends an unquoted shell word.
func shIsOp(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', ';', '|', '&', '<', '>', '(', ')':
		return true
	}
	return false
}

// shAlnum reports whether c is an ASCII letter or digit.
func shAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// shSafeByte reports whether c needs no quoting in a shell word.
func shSafeByte(c byte) bool {
	if shAlnum(c) {
		return true
	}
	switch c {
	case '_', '.', '/', ':', '@', '%', '+', ',', '=', '-':
		return true
	}
	return false
}

// shLiteral parses the shell word at s[i:] when it is a plain literal:
// unquoted safe characters, '...', "..." without expansions, and backslash
// escapes. It stops at whitespace, an operator or stop (0 for none) and
// fails on anything the shell would expand ($, `, globs, braces, ~).
func shLiteral(s string, i int, stop byte) (string, int, bool) {
	return shWordValue(s, i, stop, nil)
}

// shWordValue is shLiteral that also expands $NAME and ${NAME...}
// references to the known variables in vars.
func shWordValue(s string, i int, stop byte, vars map[string]string) (string, int, bool) {
	var b strings.Builder
	start := i
	for i < len(s) {
		c := s[i]
		switch {
		case c == stop || shIsOp(c):
			return b.String(), i, i > start
		case c == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return "", i, false
			}
			b.WriteString(s[i+1 : i+1+j])
			i += j + 2
		case c == '"':
			j := strings.IndexByte(s[i+1:], '"')
			if j < 0 || !shDoubleValue(&b, s[i+1:i+1+j], vars) {
				return "", i, false
			}
			i += j + 2
		case c == '\\' && i+1 < len(s) && s[i+1] != '\n':
			b.WriteByte(s[i+1])
			i += 2
		case c == '$' && vars != nil:
			v, end, ok := shRefValue(s, i, vars)
			if !ok {
				return "", i, false
			}
			b.WriteString(v)
			i = end
		case strings.IndexByte("$`\\*?[{}~#!", c) >= 0:
			return "", i, false
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String(), i, i > start
}

// shDoubleValue writes the value of the body of "..." when it holds no
// command substitution, escape or unknown reference.
func shDoubleValue(b *strings.Builder, body string, vars map[string]string) bool {
	if strings.ContainsAny(body, "`\\") || vars == nil && strings.Contains(body, "$") {
		return false
	}
	for i := 0; i < len(body); {
		if body[i] != '$' {
			b.WriteByte(body[i])
			i++
			continue
		}
		v, end, ok := shRefValue(body, i, vars)
		if !ok {
			return false
		}
		b.WriteString(v)
		i = end
	}
	return true
}

// shWord renders v as one shell word: bare when every byte is safe,
// otherwise single-quoted, or double-quoted when v holds a single quote.
func shWord(v string) string {
	safe := v != ""
	for i := 0; i < len(v) && safe; i++ {
		safe = shSafeByte(v[i])
	}
	switch {
	case safe:
		return v
	case !strings.Contains(v, "'"):
		return "'" + v + "'"
	}
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, `$`, `\$`, "`", "\\`")
	return `"` + r.Replace(v) + `"`
}

// shRawSafe reports whether c can be pasted unquoted where the shell would
// have substituted it without re-parsing (no operators, quotes or $).
func shRawSafe(c byte) bool {
	if shSafeByte(c) {
		return true
	}
	switch c {
	case ' ', '\t', '*', '?', '[', ']', '^':
		return true
	}
	return false
}

// shEmit renders the result of an expansion for the quoting context it
// appears in, reporting false where no faithful spelling exists.
func shEmit(v string, ctx uint8) (string, bool) {
	switch ctx {
	case shSingle:
		return "", false
	case shDouble:
		return v, !strings.ContainsAny(v, "\"\\$`")
	}
	raw := true
	for i := 0; i < len(v) && raw; i++ {
		raw = shRawSafe(v[i])
	}
	switch {
	case raw:
		return v, true
	case !strings.ContainsAny(v, " \t\n"):
		return shWord(v), true
	}
	return "", false
}

// shOutLimit is the largest output a transform may build for an input of n
// bytes; growing past it means an expansion bomb, and the transform gives up.
func shOutLimit(n int) int {
	return min(maxTransformOutput, 64*n+4096)
}
