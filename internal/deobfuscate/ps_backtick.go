package deobfuscate

import "strings"

func init() {
	register(28, Transform{Name: "ps_backtick", Lang: "powershell", Fn: PSBacktick})
	cosmetic["ps_backtick"] = true
}

// psEscapeLetters are the letters a backtick turns into control characters
// inside double-quoted strings (`n, `t ...); those backticks stay.
const psEscapeLetters = "0abefnrtvu"

// PSBacktick removes the escape backticks PowerShell ignores: inside a
// word in code (I`nv`oke-Ex`pression) and before letters that are not
// escapes inside double-quoted strings. Single-quoted strings are literal
// and untouched; a backtick that starts a word is kept, so sh command
// substitution (`id`) survives.
func PSBacktick(in string) (string, bool) {
	if strings.IndexByte(in, '`') < 0 {
		return in, false
	}
	var b strings.Builder
	for i := 0; i < len(in); i++ {
		switch c := in[i]; c {
		case '\'', '"':
			_, e, _ := scanPSString(in, i)
			if e < 0 {
				b.WriteByte(c)
				continue
			}
			if c == '"' {
				b.WriteString(dqBackticks(in[i:e]))
			} else {
				b.WriteString(in[i:e])
			}
			i = e - 1
		case '`':
			if i > 0 && i+1 < len(in) && isWordByte(in[i+1]) && (isWordByte(in[i-1]) || in[i-1] == '-') {
				continue // a tick inside a word: drop it
			}
			b.WriteByte(c)
			if i+1 < len(in) {
				i++
				b.WriteByte(in[i])
			}
		default:
			b.WriteByte(c)
		}
	}
	return psResult(in, b.String())
}

// dqBackticks drops backticks before non-escape letters and digits inside
// a double-quoted string literal (quotes included).
func dqBackticks(lit string) string {
	if strings.IndexByte(lit, '`') < 0 {
		return lit
	}
	var b strings.Builder
	for i := 0; i < len(lit); i++ {
		c := lit[i]
		if c != '`' || i+1 >= len(lit) {
			b.WriteByte(c)
			continue
		}
		n := lit[i+1]
		if isWordByte(n) && strings.IndexByte(psEscapeLetters, n) < 0 && n != '_' {
			continue
		}
		b.WriteByte(c)
		b.WriteByte(n)
		i++
	}
	return b.String()
}
