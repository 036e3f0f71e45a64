package parse

import (
	"strings"

	"github.com/vigilsec/vigil/internal/ascii"
)

// detectDialect picks the tokeniser. PowerShell when the line starts with
// powershell/pwsh, a cmdlet (Verb-Noun) or alias, or uses $env: or
// [Type]::; cmd when it starts with a Windows executable or holds Windows
// paths; sh otherwise.
func detectDialect(s string) dialect {
	var first string
	win := false
	cmdPos, prevVar := true, false
	ps := strings.HasPrefix(s, "& ") // PowerShell call operator
	for w := range strings.FieldsSeq(s) {
		ps = ps || prevVar && w == "=" // $x = ... assignment
		prevVar = len(w) > 1 && w[0] == '$' && w[1] != '('
		word := trimWord(w)
		if cmdPos && word != "" {
			exe := normExe(strings.ReplaceAll(word, "^", ""))
			if first == "" {
				first = exe
			}
			ps = ps || isCmdlet(exe) || psAliases.has(exe)
		}
		ps = ps || strings.IndexByte(w, '$') >= 0 && containsFold(w, "$env:") || strings.Contains(w, "]::")
		win = win || looksWindowsPath(word)
		cmdPos = endsCommand(w)
	}
	switch {
	case first == "powershell" || first == "pwsh" || first == "powershell_ise":
		return dialectPS
	case windowsExes.has(first):
		return dialectCmd
	case ps:
		return dialectPS
	case win:
		return dialectCmd
	}
	return dialectSh
}

// trimWord strips the quoting and call prefixes that hide a word's shape.
func trimWord(w string) string {
	return strings.Trim(w, "\"'`@&(){};|")
}

func endsCommand(w string) bool {
	if w == "" {
		return false
	}
	switch w[len(w)-1] {
	case '|', '&', ';', '(', '{':
		return true
	}
	return false
}

// normExe returns the executable name of a command word: basename,
// lower-case, without .exe or .com.
func normExe(w string) string {
	if i := strings.LastIndexAny(w, `/\`); i >= 0 && i < len(w)-1 {
		w = w[i+1:]
	}
	w = ascii.Lower(w)
	if len(w) > 4 && (strings.HasSuffix(w, ".exe") || strings.HasSuffix(w, ".com")) {
		w = w[:len(w)-4]
	}
	return w
}

// isCmdlet reports a PowerShell Verb-Noun name with an approved verb.
func isCmdlet(w string) bool {
	i := strings.IndexByte(w, '-')
	if i <= 0 || i == len(w)-1 || strings.IndexByte(w[i+1:], '-') >= 0 {
		return false
	}
	for j := i + 1; j < len(w); j++ {
		if !isAlnum(w[j]) {
			return false
		}
	}
	return psVerbs.has(ascii.Lower(w[:i]))
}

// looksWindowsPath reports C:\ or C:/, \\UNC, %VAR%\, .\ and ..\, HKLM\
// style words, or a word with two separate backslashes (Users\Public\x);
// a single backslash is more often an sh escape (c\at).
func looksWindowsPath(w string) bool {
	switch {
	case len(w) >= 3 && ascii.IsLetter(w[0]) && w[1] == ':' && (w[2] == '\\' || w[2] == '/'):
		return true
	case strings.HasPrefix(w, `\\`) && len(w) > 2 && isAlnum(w[2]):
		return true
	case strings.HasPrefix(w, `.\`) || strings.HasPrefix(w, `..\`):
		return true
	case w != "" && w[0] == '%' && strings.Contains(w, `%\`):
		return true
	case registryPrefixLen(w) > 0:
		return true
	}
	return backslashWord(w)
}

// backslashWord reports a word of path characters with two backslashes
// that each sit between name characters (Users\Public\x.exe, not a\"b\n).
func backslashWord(w string) bool {
	n := 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c == '\\':
			if i == 0 || i == len(w)-1 || !isAlnum(w[i+1]) && w[i+1] != '%' && w[i+1] != '$' {
				return false
			}
			n++
		case !isAlnum(c) && c < 0x80 && strings.IndexByte("._-$%~: ", c) < 0:
			return false
		}
	}
	return n >= 2
}

// containsFold reports whether s contains the lower-case ASCII sub,
// ignoring ASCII case, without allocating.
func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if ascii.HasPrefixFold(s[i:], sub) {
			return true
		}
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isAlnum(c byte) bool { return ascii.IsLetter(c) || isDigit(c) }
func isHex(c byte) bool   { return isDigit(c) || c|0x20 >= 'a' && c|0x20 <= 'f' }
