package deobfuscate

import "strings"

func init() {
	register(26, Transform{Name: "ps_wrapper", Lang: "powershell", Fn: PSWrapper})
}

// PSWrapper unwraps a whole command of the form &(builder)(payload) or
// .(builder)(payload), Genos step 5: the builder is almost always an
// obfuscated "iex", so the payload (the string's content when it is a
// single literal) becomes the command. A command that is nothing but one
// string literal, what such an unwrapping leaves once the payload folds,
// becomes that string's content.
func PSWrapper(in string) (string, bool) {
	s := strings.TrimSpace(in)
	if len(s) < 3 {
		return in, false
	}
	if v, e, ok := literalAt(s, 0); ok && e == len(s) && looksLikeCode(v) {
		return psResult(in, v) // what is left of an unwrapped payload
	}
	i := skipSpace(s, 1)
	if s[0] != '&' && s[0] != '.' {
		return in, false
	}
	if i >= len(s) || s[i] != '(' {
		return in, false
	}
	j := matchParen(s, i)
	if j < 0 {
		return in, false
	}
	k := skipSpace(s, j+1)
	if k >= len(s) || s[k] != '(' {
		return in, false
	}
	e := matchParen(s, k)
	if e < 0 || strings.TrimRight(strings.TrimSpace(s[e+1:]), ";") != "" {
		return in, false
	}
	payload := strings.TrimSpace(s[k+1 : e])
	if v, end, ok := literalAt(payload, 0); ok && end == len(payload) {
		payload = v
	}
	if payload == "" {
		return in, false
	}
	return psResult(in, payload)
}

// looksLikeCode tells a script left in a string from a quoted program path
// ("C:\Program Files\app.exe"), which must stay as it is.
func looksLikeCode(v string) bool {
	if len(v) > 2 && v[1] == ':' && v[2] == '\\' || strings.HasPrefix(v, `\\`) {
		return false
	}
	return strings.ContainsAny(v, "(;|$=")
}
