package deobfuscate

import (
	"regexp"
	"strings"
)

func init() {
	register(21, Transform{Name: "ps_command_arg", Lang: "powershell", Fn: PSCommandArg})
}

// psCommandRe finds powershell/pwsh ... -c / -Command (any abbreviation)
// followed by the script.
var psCommandRe = regexp.MustCompile(`(?i)(?:^|[\s"'\\/])(?:powershell|pwsh)(?:\.exe)?["']?\s+(?:[^"']*?\s)?[-/]c(?:o(?:m(?:m(?:a(?:nd?)?)?)?)?)?\s+`)

// PSCommandArg removes the double quotes around the script of
// powershell -Command "script" when the quoted script is the last
// argument and holds expressions (quotes, brackets, $, +, backticks), so
// the script's own tricks are visible to the other transforms. The host and its flags stay: they are evidence.
func PSCommandArg(in string) (string, bool) {
	if !containsFold(in, "powershell") && !containsFold(in, "pwsh") {
		return in, false
	}
	loc := psCommandRe.FindStringIndex(in)
	if loc == nil {
		return in, false
	}
	rest := strings.TrimRight(in[loc[1]:], " \t\r\n")
	if len(rest) < 2 || rest[0] != '"' || rest[len(rest)-1] != '"' {
		return in, false
	}
	inner := rest[1 : len(rest)-1]
	if strings.Contains(strings.ReplaceAll(inner, `\"`, ""), `"`) || !strings.ContainsAny(inner, "'([`$+") {
		return in, false // more than one quoted argument, or nothing to unfold
	}
	return psResult(in, in[:loc[1]]+strings.ReplaceAll(inner, `\"`, `"`))
}
