package normalize

import (
	"html"
	"strings"
	"unicode/utf8"
)

// HTMLEntity decodes HTML character references (&lt; &#60; &#x3c;), which
// reach a page as markup when a value is reflected.
func HTMLEntity(in string) (string, bool) {
	if strings.IndexByte(in, '&') < 0 {
		return in, false
	}
	out := html.UnescapeString(in)
	return out, out != in
}

// JSEscape decodes JavaScript and JSON string escapes \xHH and \uHHHH
// ("\u003cscript\u003e"), which pass filters that look for '<'.
func JSEscape(in string) (string, bool) {
	if !strings.Contains(in, `\x`) && !strings.Contains(in, `\u`) {
		return in, false
	}
	var b strings.Builder
	changed := false
	for i := 0; i < len(in); i++ {
		if in[i] == '\\' && i+1 < len(in) {
			if r, n := jsEscape(in[i+1:]); n > 0 {
				b.WriteRune(r)
				i += n
				changed = true
				continue
			}
		}
		b.WriteByte(in[i])
	}
	if !changed {
		return in, false
	}
	return b.String(), true
}

func jsEscape(s string) (rune, int) {
	switch {
	case s[0] == 'x' && len(s) >= 3 && allHex(s[1:3]):
		return rune(hexValue(s[1:3])), 3
	case s[0] == 'u' && len(s) >= 5 && allHex(s[1:5]):
		r := rune(hexValue(s[1:5]))
		if !utf8.ValidRune(r) {
			r = utf8.RuneError
		}
		return r, 5
	}
	return 0, 0
}
