package deobfuscate

import "strings"

func init() {
	register(71, Transform{Name: "sh_echo_subst", Lang: "sh", Fn: ShEchoSubst})
}

// ShEchoSubst replaces $(echo ...) and `echo ...` whose arguments are plain
// literals with what echo prints: $(echo who)ami -> whoami. The text is
// written so that it splits and quotes as the substitution would; where
// that is impossible (an operator inside double quotes) the substitution
// stays.
func ShEchoSubst(in string) (string, bool) {
	if !strings.Contains(in, "echo") || !strings.ContainsAny(in, "$`") {
		return in, false
	}
	st := shQuoteStates(in)
	var b strings.Builder
	last := 0
	for i := 0; i < len(in); i++ {
		open, closer := shSubstOpen(in, i)
		if open == 0 || st[i] == shSingle {
			continue
		}
		v, end, ok := shEchoBody(in, i+open, closer)
		if !ok {
			continue
		}
		r, ok := shEmit(v, st[i])
		if !ok {
			continue
		}
		b.WriteString(in[last:i] + r)
		last, i = end, end-1
	}
	if last == 0 {
		return in, false
	}
	b.WriteString(in[last:])
	return shBounded(in, b.String())
}

// shSubstOpen reports the length of a command-substitution opener at s[i]
// ($( or `) and the byte that closes it.
func shSubstOpen(s string, i int) (int, byte) {
	switch {
	case s[i] == '`':
		return 1, '`'
	case s[i] == '$' && strings.HasPrefix(s[i+1:], "(") && !strings.HasPrefix(s[i+1:], "(("):
		return 2, ')'
	}
	return 0, 0
}

// shEchoBody parses `echo [-n|-E] literal...` followed by closer at s[i:],
// returning echo's output (without the newline a substitution drops) and the
// index after closer.
func shEchoBody(s string, i int, closer byte) (string, int, bool) {
	i = shSkipBlanks(s, i)
	if !strings.HasPrefix(s[i:], "echo") {
		return "", i, false
	}
	i += 4
	var args []string
	for {
		j := shSkipBlanks(s, i)
		if j < len(s) && s[j] == closer {
			v := strings.Join(args, " ")
			return strings.TrimRight(v, "\n"), j + 1, true
		}
		if j == i && len(args) == 0 {
			return "", i, false // echo must be followed by a blank
		}
		a, end, ok := shLiteral(s, j, closer)
		if !ok || len(args) == 0 && strings.HasPrefix(a, "-") && strings.Trim(a, "-nE") != "" {
			return "", i, false // -e would interpret escapes
		}
		if strings.Contains(a, `\`) {
			return "", i, false // shells disagree on echo's escapes
		}
		if len(args) > 0 || a != "-n" && a != "-E" && a != "-nE" && a != "-En" {
			args = append(args, a)
		}
		i = end
	}
}

func shSkipBlanks(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}
