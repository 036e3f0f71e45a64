package deobfuscate

import (
	"strconv"
	"strings"
)

func init() {
	register(36, Transform{Name: "ps_format", Lang: "powershell", Fn: PSFormat})
}

// psMaxAlign caps the {N,width} alignment of a format item; it stops
// "{0,99999999}" -f 'x' from padding a single step into megabytes.
const psMaxAlign = 1024

// PSFormat evaluates the format operator on literals:
// "{1}{0}" -f 'x','ie' -> 'iex'. Items with a format string ({0:x2}) or
// an index out of range leave the expression alone.
func PSFormat(in string) (string, bool) {
	if !containsFold(in, "-f") || !strings.Contains(in, "{") {
		return in, false
	}
	return psRewrite(in, func(s string, _ int, f string, end int) (string, int, bool) {
		v, e, ok := formatAt(s, f, end)
		return psQuote(v), e, ok
	})
}

// formatAt evaluates "-f args" following a format literal that ends at
// end; it returns the result and the end of the argument list.
func formatAt(s, f string, end int) (string, int, bool) {
	j := skipSpace(s, end)
	if j+2 >= len(s) || s[j] != '-' || lowerByte(s[j+1]) != 'f' || isWordByte(s[j+2]) {
		return "", 0, false
	}
	args, e := literalListAt(s, j+2, true)
	if len(args) == 0 || followedByMember(s, e) {
		return "", 0, false
	}
	v, ok := formatString(f, args)
	return v, e, ok
}

// formatString implements .NET composite formatting for string arguments:
// {N}, {N,width}, {{ and }}.
func formatString(f string, args []string) (string, bool) {
	var b strings.Builder
	for i := 0; i < len(f); i++ {
		switch c := f[i]; {
		case c == '{' && i+1 < len(f) && f[i+1] == '{', c == '}' && i+1 < len(f) && f[i+1] == '}':
			b.WriteByte(c)
			i++
		case c == '{':
			j := strings.IndexByte(f[i:], '}')
			if j < 0 || !formatItem(&b, f[i+1:i+j], args) {
				return "", false
			}
			i += j
		case c == '}':
			return "", false
		default:
			b.WriteByte(c)
		}
		if b.Len() > maxTransformOutput {
			return "", false // "{0}{0}{0}..." with a long argument
		}
	}
	return b.String(), true
}

// formatItem writes one {index[,width]} item.
func formatItem(b *strings.Builder, item string, args []string) bool {
	idx, width, hasWidth := strings.Cut(item, ",")
	n, err := strconv.Atoi(strings.TrimSpace(idx))
	if err != nil || n < 0 || n >= len(args) || strings.Contains(item, ":") {
		return false
	}
	v := args[n]
	if !hasWidth {
		b.WriteString(v)
		return true
	}
	w, err := strconv.Atoi(strings.TrimSpace(width))
	if err != nil || w > psMaxAlign || w < -psMaxAlign {
		return false
	}
	pad := strings.Repeat(" ", max(0, psAbs(w)-len([]rune(v))))
	if w < 0 {
		b.WriteString(v + pad)
	} else {
		b.WriteString(pad + v)
	}
	return true
}

func psAbs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
