package deobfuscate

import (
	"regexp"
	"strings"
)

func init() {
	register(38, Transform{Name: "ps_replace", Lang: "powershell", Fn: PSReplace})
}

var (
	replaceMethodRe = regexp.MustCompile(`(?i)^\s*\.\s*replace\s*\(`)
	replaceOpRe     = regexp.MustCompile(`(?i)^\s*-([ci]?)replace\b`)
	// netReplTokenRe finds the $ substitutions of a .NET replacement string.
	netReplTokenRe = regexp.MustCompile(`\$(?:\d+|\{\w+\}|[$&` + "`" + `'+_]|)`)
)

// PSReplace evaluates string replacement on literals: 'a'.Replace('x','y')
// (ordinal, case-sensitive) and 'a' -replace 'pat','repl' / -creplace /
// -ireplace (regular expressions). A .NET pattern that RE2 cannot compile
// (look-arounds, backreferences) or a replacement using $` $' $_ $+ leaves
// the expression alone.
func PSReplace(in string) (string, bool) {
	if !containsFold(in, "replace") {
		return in, false
	}
	return psRewrite(in, func(s string, _ int, val string, end int) (string, int, bool) {
		if loc := replaceMethodRe.FindStringIndex(s[end:]); loc != nil {
			return replaceMethod(s, val, end+loc[1])
		}
		if m := replaceOpRe.FindStringSubmatchIndex(s[end:]); m != nil {
			cs := m[3] > m[2] && lowerByte(s[end+m[2]]) == 'c'
			return replaceOp(s, val, end+m[1], cs)
		}
		return "", 0, false
	})
}

// replaceMethod evaluates .Replace('a','b') whose arguments start at i.
func replaceMethod(s, val string, i int) (string, int, bool) {
	args, e := literalListAt(s, i, false)
	e = skipSpace(s, e)
	if len(args) != 2 || args[0] == "" || e >= len(s) || s[e] != ')' {
		return "", 0, false
	}
	return psQuote(strings.ReplaceAll(val, args[0], args[1])), e + 1, true
}

// replaceOp evaluates -replace 'pat'[,'repl'] whose arguments start at i.
func replaceOp(s, val string, i int, caseSensitive bool) (string, int, bool) {
	args, e := literalListAt(s, i, false)
	if len(args) == 0 || len(args) > 2 || followedByMember(s, e) {
		return "", 0, false
	}
	repl := ""
	if len(args) == 2 {
		repl = args[1]
	}
	out, ok := regexReplace(val, args[0], repl, caseSensitive)
	if !ok {
		return "", 0, false
	}
	return psQuote(out), e, true
}

// regexReplace applies a .NET regex replacement with Go's RE2 when the
// pattern and replacement mean the same in both.
func regexReplace(val, pat, repl string, caseSensitive bool) (string, bool) {
	if pat == "" {
		return "", false
	}
	flags := "(?i)"
	if caseSensitive {
		flags = ""
	}
	re, err := regexp.Compile(flags + pat)
	if err != nil {
		return "", false
	}
	goRepl, ok := netReplacement(repl)
	if !ok {
		return "", false
	}
	return re.ReplaceAllString(val, goRepl), true
}

// netReplacement converts a .NET replacement string to Go's template
// syntax: $1 -> ${1}, $& -> ${0}; $$ stays. Other forms are refused.
func netReplacement(repl string) (string, bool) {
	if !strings.Contains(repl, "$") {
		return repl, true
	}
	ok := true
	out := netReplTokenRe.ReplaceAllStringFunc(repl, func(t string) string {
		switch {
		case t == "$$":
			return t
		case t == "$&":
			return "${0}"
		case len(t) > 1 && t[1] >= '0' && t[1] <= '9':
			return "${" + t[1:] + "}"
		case strings.HasPrefix(t, "${"):
			return t
		case t == "$":
			return "$$" // a lone $ is literal in .NET
		}
		ok = false
		return t
	})
	return out, ok
}
