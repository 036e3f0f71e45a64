package deobfuscate

import "strings"

func init() {
	register(80, Transform{Name: "cmd_caret", Lang: "cmd", Fn: CmdCaret})
}

// CmdCaret removes cmd.exe escape carets: c^m^d -> cmd, ^^ -> ^.
//
// On a line that is clearly cmd (cmd /c, cmd.exe, %COMSPEC%) every caret
// outside double quotes is an escape; inside quotes only carets between two
// letters or digits go, because the quoted argument of cmd /c is parsed again
// by the inner cmd (c^m^d /c "p^o^w^e^r^s^h^e^l^l"). Carets that escape an
// operator (^&, ^|, ^<, ^>) and a trailing continuation caret stay, since
// dropping them would change how the line splits. On any other line only a
// caret between two letters goes (p^ower), so regexes (grep '^a'), git
// revisions (HEAD^1) and quoted text ("a^b") survive.
func CmdCaret(in string) (string, bool) {
	if strings.IndexByte(in, '^') < 0 {
		return in, false
	}
	var out string
	if cmdLooksCmd(in) {
		out = cmdCaretCmd(in)
	} else {
		out = cmdCaretLetters(in)
	}
	if out == in || !bounded(in, out) {
		return in, false
	}
	return out, true
}

// cmdCaretCmd applies cmd.exe caret rules to a cmd line.
func cmdCaretCmd(in string) string {
	var b strings.Builder
	b.Grow(len(in))
	quoted := false
	for i := 0; i < len(in); i++ {
		c := in[i]
		switch {
		case c == '"':
			quoted = !quoted
			b.WriteByte(c)
		case c != '^' || i+1 == len(in):
			b.WriteByte(c)
		case quoted:
			if i > 0 && shAlnum(in[i-1]) && shAlnum(in[i+1]) {
				continue
			}
			b.WriteByte(c)
		case strings.IndexByte("&|<>\r\n", in[i+1]) >= 0:
			b.WriteByte(c)
			b.WriteByte(in[i+1])
			i++
		default: // ^x -> x, ^^ -> ^, ^" -> a literal quote that does not toggle
			b.WriteByte(in[i+1])
			i++
		}
	}
	return b.String()
}

// cmdCaretLetters removes carets between two ASCII letters outside quotes.
func cmdCaretLetters(in string) string {
	var b strings.Builder
	b.Grow(len(in))
	var q byte
	for i := 0; i < len(in); i++ {
		c := in[i]
		switch {
		case q != 0:
			if c == q {
				q = 0
			}
		case c == '"' || c == '\'':
			q = c
		case c == '^' && i > 0 && i+1 < len(in) && cmdLetter(in[i-1]) && cmdLetter(in[i+1]):
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

func cmdLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
