package deobfuscate

import (
	"strconv"
	"strings"
)

func init() {
	register(18, Transform{Name: "psenc_specialchar", Lang: "powershell", Fn: PSEncSpecialChar})
}

// PSEncSpecialChar decodes Invoke-Obfuscation's ENCODING\SPECIAL
// CHARACTERS ONLY launcher. Its variables have names made only of special
// characters: one is set to +$() (zero) and counted up with ++ (or +=1)
// into ten digit variables, one becomes "[char]" picked out of "$(@{})"
// (System.Collections.Hashtable) and "$?" (True), one becomes "iex" (the
// last letter from the overload text of "".Insert), and a final string of
// ${char}${digit}${digit} groups expands to "iex([char]73+[char]69...)",
// which is run. The decoder emulates exactly those constructs (see
// psencEval) and replaces the launcher with the script the character codes
// spell.
func PSEncSpecialChar(in string) (string, bool) {
	if !strings.Contains(in, "++") || !strings.Contains(in, "${") || !strings.Contains(in, "@{") {
		return in, false
	}
	body := psencLauncherBody(in)
	toks, err := psencLex(body)
	if err != nil {
		return in, false
	}
	e := &psencEval{toks: toks, env: map[string]psencValue{}}
	if err := e.run(); err != nil {
		return in, false
	}
	payload, ok := psencLastString(toks)
	if !ok {
		return in, false
	}
	code, err := e.expand(payload, maxTransformOutput)
	if err != nil {
		return in, false
	}
	out, ok := psencCharSum(code)
	if !ok || !bounded(in, out) {
		return in, false
	}
	return out, true
}

// psencLastString returns the raw content of the last double-quoted string
// that interpolates variables: the payload.
func psencLastString(toks []psencTok) (string, bool) {
	for i := len(toks) - 1; i >= 0; i-- {
		if toks[i].kind == 's' && strings.Contains(toks[i].text, "${") {
			return toks[i].text, true
		}
	}
	return "", false
}

// psencCharSum decodes the expanded payload, [char]N+[char]N... around an
// iex call or pipe, into the text the codes spell. Anything else in the
// payload means it is not this encoding.
func psencCharSum(code string) (string, bool) {
	var out, rest strings.Builder
	for i := 0; i < len(code); {
		if j := psencCharCode(code, i); j > i {
			n, err := strconv.Atoi(code[i+6 : j])
			if err != nil || n > 0xffff || (n >= 0xd800 && n < 0xe000) {
				return "", false
			}
			out.WriteRune(rune(n))
			i = j
			continue
		}
		if !strings.ContainsRune(" \t\r\n+()|^", rune(code[i])) {
			rest.WriteByte(psencLower(code[i]))
		}
		i++
	}
	s := out.String()
	if strings.ReplaceAll(rest.String(), "iex", "") != "" || len(s) < 2 || printableRatio(s) < 0.9 {
		return "", false
	}
	return s, true
}

// psencCharCode returns the end of a "[char]" + digits token at s[i], or i.
func psencCharCode(s string, i int) int {
	if i+6 > len(s) || !strings.EqualFold(s[i:i+6], "[char]") {
		return i
	}
	j := i + 6
	for j < len(s) && j-i < 12 && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	if j == i+6 {
		return i
	}
	return j
}
