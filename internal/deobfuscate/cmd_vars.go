package deobfuscate

import (
	"regexp"
	"strings"
)

func init() {
	register(82, Transform{Name: "cmd_percent_vars", Lang: "cmd", Fn: CmdPercentVars})
	register(83, Transform{Name: "cmd_delayed_vars", Lang: "cmd", Fn: CmdDelayedVars})
}

// CmdPercentVars expands %VAR%, %VAR:~s,n% and %VAR:old=new% where VAR was
// set by a literal `set` earlier in the line (set x=abc, set "x=abc") or is a
// well-known Windows variable (%COMSPEC%, %PUBLIC%, ...). DOSfuscation builds
// "powershell" from such substrings. Unknown variables stay as written.
// Real cmd expands %...% for a whole line before running it; here each
// statement sees the sets before it, which is what the author meant (and
// what call or a batch file gives).
func CmdPercentVars(in string) (string, bool) {
	if strings.Count(in, "%") < 2 {
		return in, false
	}
	return cmdExpandLine(in, '%')
}

// CmdDelayedVars expands !VAR! and !VAR:~s,n! on lines that turn on delayed
// expansion (cmd /V:ON /C "set x=abc&&!x!"), with the same sets and
// well-known variables as CmdPercentVars.
func CmdDelayedVars(in string) (string, bool) {
	if strings.Count(in, "!") < 2 || !cmdDelayed(in) {
		return in, false
	}
	return cmdExpandLine(in, '!')
}

// cmdExpandLine walks the statements of in (split at &, | and newlines),
// expands references marked by delim in each, then records the statement's
// set, if any.
func cmdExpandLine(in string, delim byte) (string, bool) {
	vars := map[string]string{}
	limit := shOutLimit(len(in)) // stops set a=%b%%b% doubling chains (expansion bombs)
	var b strings.Builder
	for i := 0; i < len(in); {
		j := cmdStmtEnd(in, i)
		stmt := cmdExpandRefs(in[i:j], delim, vars, limit-b.Len())
		cmdRecordSet(stmt, vars)
		b.WriteString(stmt)
		if b.Len() > limit {
			return in, false
		}
		if j < len(in) {
			b.WriteByte(in[j])
			j++
		}
		i = j
	}
	out := b.String()
	if out == in || !bounded(in, out) {
		return in, false
	}
	return out, true
}

// cmdStmtEnd returns the index of the separator (&, |, newline) that ends
// the statement at s[i:], skipping caret escapes and the quoted body of
// set "x=a&b".
func cmdStmtEnd(s string, i int) int {
	if q := cmdSetQuoteStart(s[i:]); q >= 0 {
		if k := strings.IndexByte(s[i+q+1:], '"'); k >= 0 {
			i += q + k + 2
		}
	}
	for ; i < len(s); i++ {
		switch s[i] {
		case '^':
			i++
		case '&', '|', '\n':
			return i
		}
	}
	return len(s)
}

// cmdSetBody returns the text after the `set` keyword of a statement
// ("x=abc", `"x=abc"`), or false when the statement is not a set.
func cmdSetBody(stmt string) (string, bool) {
	s := stmt
	if strings.IndexByte(s, '/') >= 0 {
		if m := cmdLauncherRe.FindStringIndex(s); m != nil {
			s = s[m[1]:]
		}
	}
	s = strings.TrimLeft(s, " \t@(\"")
	if len(s) < 4 || !strings.EqualFold(s[:3], "set") || (s[3] != ' ' && s[3] != '\t') {
		return "", false
	}
	return strings.TrimLeft(s[4:], " \t"), true
}

// cmdLauncherRe matches a leading cmd invocation (cmd /V:ON /C "), so the
// set that starts its argument is seen.
var cmdLauncherRe = regexp.MustCompile(`(?i)^[\s@]*(?:\S*cmd(?:\.exe)?|%comspec%)(?:\s*/[a-z](?::\w+)?)*?\s*/[ckr]\b\s*`)

// cmdSetQuoteStart returns the offset of the quote in `set "x=...` at the
// start of s, or -1.
func cmdSetQuoteStart(s string) int {
	body, ok := cmdSetBody(s)
	if !ok || !strings.HasPrefix(body, `"`) {
		return -1
	}
	return len(s) - len(body)
}

// cmdRecordSet updates vars from a literal set statement; /a and /p
// assignments make the variable unknown.
func cmdRecordSet(stmt string, vars map[string]string) {
	body, ok := cmdSetBody(stmt)
	if !ok {
		return
	}
	if len(body) > 1 && body[0] == '/' {
		if _, rest, ok := strings.Cut(body, " "); ok {
			name, _, _ := strings.Cut(strings.Trim(rest, ` "`), "=")
			delete(vars, strings.ToLower(name))
		}
		return
	}
	if strings.HasPrefix(body, `"`) {
		body = body[1:]
		if k := strings.LastIndexByte(body, '"'); k >= 0 {
			body = body[:k]
		}
	}
	name, val, ok := strings.Cut(body, "=")
	if !ok || name == "" || strings.ContainsAny(name, "%!") {
		return
	}
	if val == "" {
		delete(vars, strings.ToLower(name))
		return
	}
	vars[strings.ToLower(name)] = val
}

// cmdExpandRefs expands every resolvable delim-reference in stmt. Unknown
// references are copied and scanning resumes after their first delimiter.
func cmdExpandRefs(stmt string, delim byte, vars map[string]string, room int) string {
	if strings.IndexByte(stmt, delim) < 0 {
		return stmt
	}
	var b strings.Builder
	for i := 0; i < len(stmt); {
		c := stmt[i]
		if c != delim {
			b.WriteByte(c)
			i++
			continue
		}
		k := strings.IndexByte(stmt[i+1:], delim)
		if k < 0 {
			b.WriteString(stmt[i:])
			break
		}
		ref := stmt[i+1 : i+1+k]
		if v, ok := cmdResolve(ref, vars); ok && b.Len()+len(v) <= room {
			b.WriteString(v)
			i += k + 2
			continue
		}
		b.WriteByte(c)
		i++
	}
	return b.String()
}

// cmdResolve resolves the inside of %...%: NAME with an optional :op.
func cmdResolve(ref string, vars map[string]string) (string, bool) {
	if ref == "" || strings.ContainsAny(ref, "\n\r") {
		return "", false
	}
	name, op, _ := strings.Cut(ref, ":")
	if name == "" || strings.ContainsAny(name, " \t\"") {
		return "", false
	}
	key := strings.ToLower(name)
	if v, ok := vars[key]; ok {
		return cmdExpandOp(cmdFull(v), op)
	}
	if v, ok := cmdKnownEnv[key]; ok {
		return cmdExpandOp(v, op)
	}
	return "", false
}
