package deobfuscate

import (
	"regexp"
	"strings"
)

func init() {
	register(68, Transform{Name: "sh_printf", Lang: "sh", Fn: ShPrintf})
}

// shFmtArg is a quoted printf/echo -e argument: '...' or "..." without
// expansions.
const shFmtArg = `('[^']*'|"(?:[^"$` + "`" + `\\]|\\.)*")`

// shPrintfRe matches the three places an escaped printf or echo -e string
// is run: $(printf '...'), `printf '...'` and printf '...' | sh.
var shPrintfRe = regexp.MustCompile(`\$\(\s*(printf|echo(?:\s+-[neE]+)+)\s+` + shFmtArg + `\s*\)` +
	"|`\\s*(printf|echo(?:\\s+-[neE]+)+)\\s+" + shFmtArg + "\\s*`" +
	`|\b(printf|echo(?:\s+-[neE]+)+)\s+` + shFmtArg + `(\s*\|\s*(?:ba|da|k|z)?sh\b)`)

// ShPrintf evaluates printf '\x..'/'\NNN' and echo -e strings where their
// output becomes a command: a $(...) or `...` substitution is replaced by
// the text, and printf '...' | sh keeps its pipe with the text as a plain
// argument. Formats with directives other than %% are left alone.
func ShPrintf(in string) (string, bool) {
	if strings.IndexByte(in, '\\') < 0 || !strings.Contains(in, "printf") && !strings.Contains(in, "echo") {
		return in, false
	}
	return shReplaceUnquoted(in, shPrintfRe, shPrintfMatch)
}

// shPrintfMatch renders one match of shPrintfRe; ctx is the quoting state
// the match sits in.
func shPrintfMatch(in string, m []int, ctx uint8) (string, bool) {
	for g := 1; g <= 5; g += 2 {
		if m[2*g] < 0 {
			continue
		}
		verb, arg := in[m[2*g]:m[2*g+1]], in[m[2*g+2]:m[2*g+3]]
		text, ok := shFormat(verb, arg)
		if !ok {
			return "", false
		}
		if g < 5 { // a substitution: its trailing newlines are dropped
			return shEmit(strings.TrimRight(text, "\n"), ctx)
		}
		if strings.ContainsAny(text, `\%`) {
			return "", false // would be read as escapes again
		}
		return verb + " " + shWord(text) + in[m[2*g+4]:m[2*g+5]], true
	}
	return "", false
}

// shFormat returns what printf FMT or echo -e ARG writes.
func shFormat(verb, arg string) (string, bool) {
	v := arg[1 : len(arg)-1]
	if arg[0] == '"' {
		v = strings.NewReplacer(`\\`, `\`, `\"`, `"`, `\$`, `$`, "\\`", "`").Replace(v)
	}
	if verb == "printf" {
		return shUnescape(v, shEscPrintf)
	}
	flags := strings.TrimPrefix(verb, "echo")
	text, ok := shUnescape(v, shEscEcho)
	if !strings.Contains(flags, "e") {
		text, ok = v, !strings.Contains(v, `\`) // shells disagree on echo without -e
	}
	if strings.Contains(flags, "n") {
		return text, ok
	}
	return text + "\n", ok
}
