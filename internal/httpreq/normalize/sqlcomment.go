package normalize

import "strings"

// maxComments bounds the comments removed from one value, so a value made
// of "/**/" repeated cannot make the scan quadratic.
const maxComments = 256

// SQLComment replaces inline SQL comments with a space ("UNION/**/SELECT"
// → "UNION SELECT") and unwraps MySQL executable comments
// ("/*!50000SELECT*/" → " SELECT "): both split keywords to slip past
// filters. An unterminated "/*" is left alone.
func SQLComment(in string) (string, bool) {
	if !strings.Contains(in, "/*") {
		return in, false
	}
	var b strings.Builder
	rest, changed := in, false
	for n := 0; n < maxComments; n++ {
		i := strings.Index(rest, "/*")
		if i < 0 {
			break
		}
		j := strings.Index(rest[i+2:], "*/")
		if j < 0 {
			break
		}
		body := rest[i+2 : i+2+j]
		b.WriteString(rest[:i])
		b.WriteByte(' ')
		if strings.HasPrefix(body, "!") {
			b.WriteString(strings.TrimLeft(body[1:], "0123456789"))
			b.WriteByte(' ')
		}
		rest, changed = rest[i+2+j+2:], true
	}
	if !changed {
		return in, false
	}
	b.WriteString(rest)
	return b.String(), true
}
