package deobfuscate

import (
	"strconv"
	"strings"
)

// shRefValue resolves the reference at s[i] ($NAME or ${NAME<op>}) against
// vars, returning its value and the index after it.
func shRefValue(s string, i int, vars map[string]string) (string, int, bool) {
	name, op, end := shRefAt(s, i)
	if name == "" {
		return "", i, false
	}
	v, ok := vars[name]
	if !ok {
		return "", i, false
	}
	if op == "" {
		return v, end, true
	}
	r, ok := shApplyOp(v, op)
	return r, end, ok
}

// shRefAt splits the reference at s[i] into a variable name and the
// operator text after it (${#NAME} gives op "#len"). name is empty when s[i]
// does not start a reference vigil can resolve.
func shRefAt(s string, i int) (name, op string, end int) {
	if i+1 >= len(s) {
		return "", "", i
	}
	if c := s[i+1]; c == '_' || cmdLetter(c) {
		j := shNameEnd(s, i+1)
		return s[i+1 : j], "", j
	}
	if s[i+1] != '{' {
		return "", "", i
	}
	k := strings.IndexByte(s[i+2:], '}')
	if k < 0 {
		return "", "", i
	}
	body := s[i+2 : i+2+k]
	if strings.ContainsAny(body, "{$`'\"\\") {
		return "", "", i
	}
	end = i + 3 + k
	if strings.HasPrefix(body, "#") && len(body) > 1 {
		if j := shNameEnd(body, 1); j == len(body) {
			return body[1:], "#len", end
		}
		return "", "", i
	}
	j := shNameEnd(body, 0)
	return body[:j], body[j:], end
}

// shNameEnd returns the end of the shell name starting at s[i].
func shNameEnd(s string, i int) int {
	if i < len(s) && (s[i] == '_' || cmdLetter(s[i])) {
		i++
		for i < len(s) && (s[i] == '_' || shAlnum(s[i])) {
			i++
		}
	}
	return i
}

// shApplyOp applies a parameter-expansion operator to a known, non-empty
// value: substrings, defaults, case changes, literal pattern removal and
// replacement. Glob patterns are not evaluated.
func shApplyOp(v, op string) (string, bool) {
	switch {
	case op == "#len":
		return strconv.Itoa(len(v)), true
	case strings.HasPrefix(op, ":-"), strings.HasPrefix(op, ":="), strings.HasPrefix(op, "-"), strings.HasPrefix(op, "="):
		return v, v != "" || op[0] != ':'
	case strings.HasPrefix(op, ":+"), strings.HasPrefix(op, "+"):
		return op[strings.IndexByte(op, '+')+1:], v != "" || op[0] == '+'
	case strings.HasPrefix(op, ":?"), strings.HasPrefix(op, "?"):
		return v, v != ""
	case strings.HasPrefix(op, ":"):
		return shSubstr(v, op[1:])
	case op == "^^", op == ",,", op == "^", op == ",", op == "~~", op == "~":
		return shCase(v, op), true
	case strings.HasPrefix(op, "/"):
		return shPatReplace(v, op[1:])
	case strings.HasPrefix(op, "#"), strings.HasPrefix(op, "%"):
		return shTrim(v, op)
	}
	return "", false
}

// shSubstr is ${v:offset[:length]} with literal integers.
func shSubstr(v, expr string) (string, bool) {
	a, b, hasLen := strings.Cut(expr, ":")
	off, ok := shInt(a)
	if !ok {
		return "", false
	}
	n := len(v)
	if off < 0 {
		off += n
	}
	if off < 0 || off > n {
		return "", true
	}
	if !hasLen {
		return v[off:], true
	}
	l, ok := shInt(b)
	if !ok {
		return "", false
	}
	end := off + min(l, n)
	if l < 0 {
		end = n + l
	}
	if end < off {
		return "", false // bash: substring expression < 0
	}
	return v[off:min(end, n)], true
}

// shInt parses an offset written as 3, -3 (after a space) or (-3).
func shInt(s string) (int, bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(strings.TrimPrefix(s, "("), ")")
	if len(s) > 7 {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSpace(s))
	return n, err == nil
}

// shCase applies the ^^ ,, ^ , ~~ ~ case operators to ASCII letters.
func shCase(v, op string) string {
	b := []byte(v)
	for i := range b {
		if i > 0 && len(op) == 1 {
			break
		}
		c := b[i]
		switch {
		case op[0] == '^' || op[0] == '~' && c >= 'a' && c <= 'z':
			if c >= 'a' && c <= 'z' {
				b[i] = c - 32
			}
		case op[0] == ',' || op[0] == '~':
			b[i] = cmdLower(c)
		}
	}
	return string(b)
}

// shPatReplace is ${v/pat/rep} and ${v//pat/rep} for literal patterns.
func shPatReplace(v, op string) (string, bool) {
	all := strings.HasPrefix(op, "/")
	op = strings.TrimPrefix(op, "/")
	pat, rep, _ := strings.Cut(op, "/")
	if pat == "" || strings.ContainsAny(pat+rep, "*?[#%") {
		return "", false
	}
	if all {
		return strings.ReplaceAll(v, pat, rep), true
	}
	return strings.Replace(v, pat, rep, 1), true
}

// shTrim is ${v#pfx}, ${v##pfx}, ${v%sfx} and ${v%%sfx} for literal
// patterns (where the short and long forms agree).
func shTrim(v, op string) (string, bool) {
	pat := strings.TrimLeft(op, op[:1])
	if len(op)-len(pat) > 2 || pat == "" || strings.ContainsAny(pat, "*?[") {
		return "", false
	}
	if op[0] == '#' {
		return strings.TrimPrefix(v, pat), true
	}
	return strings.TrimSuffix(v, pat), true
}
