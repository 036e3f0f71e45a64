package deobfuscate

import (
	"path"
	"regexp"
	"strconv"
	"strings"
)

func init() {
	register(44, Transform{Name: "ps_iex_builder", Lang: "powershell", Fn: PSIEXBuilder})
}

// psKnownVars are the values of automatic and environment variables that
// Invoke-Obfuscation slices to spell "iex" on a default Windows install.
var psKnownVars = map[string]string{
	"$pshome":              `C:\Windows\System32\WindowsPowerShell\v1.0`,
	"$env:comspec":         `C:\Windows\system32\cmd.exe`,
	"$shellid":             "Microsoft.PowerShell",
	"$verbosepreference":   "SilentlyContinue",
	"$debugpreference":     "SilentlyContinue",
	"$env:public":          `C:\Users\Public`,
	"$env:windir":          `C:\Windows`,
	"$env:systemroot":      `C:\Windows`,
	"$env:programdata":     `C:\ProgramData`,
	"$maximumdrivecount":   "4096",
	"$maximumaliascount":   "4096",
	"$maximumerrorcount":   "256",
	"$maximumhistorycount": "4096",
}

// psVarNames are the variable names Get-Variable wildcards are matched
// against: (gv '*mdr*').Name is MaximumDriveCount.
var psVarNames = []string{
	"MaximumDriveCount", "MaximumAliasCount", "MaximumErrorCount", "MaximumFunctionCount",
	"MaximumHistoryCount", "MaximumVariableCount", "VerbosePreference", "DebugPreference",
	"ShellId", "PSHome", "ErrorActionPreference", "WarningPreference", "ProgressPreference",
	"ConfirmPreference", "ExecutionContext", "PSVersionTable", "PSCulture", "PSUICulture",
}

var (
	joinEmptyRe = regexp.MustCompile(`(?i)-join\s*(?:''|"")\s*$`)
	slicedRe    = regexp.MustCompile(`^(.+?)\s*\[\s*(\d{1,3}(?:\s*,\s*\d{1,3})*)\s*\]$`)
	getVarRe    = regexp.MustCompile(`(?i)^(?:gv|get-variable|variable)\s+['"]([^'"]{1,64})['"]$`)
)

// PSIEXBuilder replaces the call targets Invoke-Obfuscation builds from
// known variables, &( $pshome[4]+$pshome[30]+'x'), .( $env:comspec[4,15,25]
// -join""), &((gv '*mdr*').Name[3,11,2]-join""), by iex when they spell
// it.
func PSIEXBuilder(in string) (string, bool) {
	if !strings.Contains(in, "[") || !strings.ContainsAny(in, "&.") {
		return in, false
	}
	out, ok := scanCode(in, func(s string, i int) (string, int, bool) {
		if s[i] != '&' && s[i] != '.' {
			return "", 0, false
		}
		j := skipSpace(s, i+1)
		if j >= len(s) || s[j] != '(' || !statementStart(s, i) {
			return "", 0, false
		}
		k := matchParen(s, j)
		if k < 0 {
			return "", 0, false
		}
		v, ok := evalBuilder(s[j+1 : k])
		if !ok || !strings.EqualFold(v, "iex") {
			return "", 0, false
		}
		if k+1 < len(s) && s[k+1] == '(' {
			return "iex ", k + 1, true
		}
		return "iex", k + 1, true
	})
	if !ok {
		return in, false
	}
	return psResult(in, out)
}

// evalBuilder evaluates term + term + ... [-join ""] where each term is a
// literal or a known variable sliced with [i,j,...].
func evalBuilder(expr string) (string, bool) {
	e := strings.TrimSpace(expr)
	if m := joinEmptyRe.FindStringIndex(e); m != nil {
		e = strings.TrimSpace(e[:m[0]])
	}
	var b strings.Builder
	for _, term := range splitTop(e, '+') {
		v, ok := evalTerm(strings.TrimSpace(term))
		if !ok {
			return "", false
		}
		b.WriteString(v)
	}
	return b.String(), b.Len() > 0
}

// evalTerm evaluates a literal or a sliced known variable.
func evalTerm(t string) (string, bool) {
	if v, e, ok := literalAt(t, 0); ok && e == len(t) {
		return v, true
	}
	m := slicedRe.FindStringSubmatch(t)
	if m == nil {
		return "", false
	}
	base, ok := resolveKnown(m[1])
	if !ok {
		return "", false
	}
	var b strings.Builder
	for _, n := range strings.Split(m[2], ",") {
		i, _ := strconv.Atoi(strings.TrimSpace(n))
		if i >= len(base) {
			return "", false
		}
		b.WriteByte(base[i])
	}
	return b.String(), true
}

// resolveKnown returns the value of $var, $var.ToString(), [string]$var or
// (gv 'pattern').Name when it is known.
func resolveKnown(x string) (string, bool) {
	x = stripParens(strings.TrimSpace(x))
	lower := strings.ToLower(x)
	switch {
	case strings.HasSuffix(lower, ".tostring()"):
		return resolveKnown(x[:len(x)-len(".tostring()")])
	case strings.HasPrefix(lower, "[string]"):
		return resolveKnown(x[len("[string]"):])
	case strings.HasSuffix(lower, ".name"):
		return matchVarName(stripParens(strings.TrimSpace(x[:len(x)-len(".name")])))
	}
	v, ok := psKnownVars[lower]
	return v, ok
}

// matchVarName resolves Get-Variable 'pattern' to the single known name it
// matches.
func matchVarName(call string) (string, bool) {
	m := getVarRe.FindStringSubmatch(call)
	if m == nil {
		return "", false
	}
	pat, found := strings.ToLower(m[1]), ""
	for _, n := range psVarNames {
		if ok, _ := path.Match(pat, strings.ToLower(n)); ok {
			if found != "" {
				return "", false
			}
			found = n
		}
	}
	return found, found != ""
}

// stripParens removes parentheses that enclose all of x.
func stripParens(x string) string {
	for len(x) > 1 && x[0] == '(' && matchParen(x, 0) == len(x)-1 {
		x = strings.TrimSpace(x[1 : len(x)-1])
	}
	return x
}

// splitTop splits s at sep outside brackets and string literals.
func splitTop(s string, sep byte) []string {
	var parts []string
	last := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '(' || c == '[' || c == '{':
			if k := matchParen(s, i); k > 0 {
				i = k
			}
		case c == '\'' || c == '"':
			if _, e, _ := scanPSString(s, i); e > 0 {
				i = e - 1
			}
		case c == sep:
			parts = append(parts, s[last:i])
			last = i + 1
		}
	}
	return append(parts, s[last:])
}
