package deobfuscate

import (
	"strconv"
	"strings"
)

// cmdEnvValue is a well-known Windows environment variable. Values that
// depend on the user name are partial: only their prefix and suffix are
// known, which is still enough for the substrings DOSfuscation takes from the
// end (%TEMP:~-4% = Temp).
type cmdEnvValue struct {
	prefix, suffix string
	partial        bool
}

func cmdFull(v string) cmdEnvValue { return cmdEnvValue{prefix: v} }

// cmdKnownEnv holds default Windows values, keyed in lower case.
var cmdKnownEnv = map[string]cmdEnvValue{
	"comspec":            cmdFull(`C:\Windows\system32\cmd.exe`),
	"public":             cmdFull(`C:\Users\Public`),
	"programdata":        cmdFull(`C:\ProgramData`),
	"allusersprofile":    cmdFull(`C:\ProgramData`),
	"windir":             cmdFull(`C:\Windows`),
	"systemroot":         cmdFull(`C:\Windows`),
	"systemdrive":        cmdFull(`C:`),
	"homedrive":          cmdFull(`C:`),
	"programfiles":       cmdFull(`C:\Program Files`),
	"programw6432":       cmdFull(`C:\Program Files`),
	"programfiles(x86)":  cmdFull(`C:\Program Files (x86)`),
	"commonprogramfiles": cmdFull(`C:\Program Files\Common Files`),
	"os":                 cmdFull(`Windows_NT`),
	"pathext":            cmdFull(`.COM;.EXE;.BAT;.CMD;.VBS;.VBE;.JS;.JSE;.WSF;.WSH;.MSC`),
	"appdata":            {prefix: `C:\Users\`, suffix: `\AppData\Roaming`, partial: true},
	"localappdata":       {prefix: `C:\Users\`, suffix: `\AppData\Local`, partial: true},
	"temp":               {prefix: `C:\Users\`, suffix: `\AppData\Local\Temp`, partial: true},
	"tmp":                {prefix: `C:\Users\`, suffix: `\AppData\Local\Temp`, partial: true},
	"userprofile":        {prefix: `C:\Users\`, partial: true},
}

// cmdExpandOp applies the part of %VAR...% after the name (":~s,n",
// ":old=new", ":*old=new" or nothing) to v.
func cmdExpandOp(v cmdEnvValue, op string) (string, bool) {
	switch {
	case op == "":
		return v.prefix, !v.partial
	case strings.HasPrefix(op, "~"):
		start, length, hasLen, ok := cmdParseRange(op[1:])
		if !ok {
			return "", false
		}
		if v.partial {
			return v.partialSub(start, length, hasLen)
		}
		return cmdSubstring(v.prefix, start, length, hasLen), true
	case v.partial:
		return "", false
	}
	return cmdReplace(v.prefix, op)
}

// cmdParseRange parses "s" or "s,n" (each optionally negative).
func cmdParseRange(r string) (start, length int, hasLen, ok bool) {
	a, b, hasLen := strings.Cut(r, ",")
	start, err := strconv.Atoi(strings.TrimSpace(a))
	if err != nil || len(a) > 6 {
		return 0, 0, false, false
	}
	if hasLen {
		length, err = strconv.Atoi(strings.TrimSpace(b))
		if err != nil || len(b) > 6 {
			return 0, 0, false, false
		}
	}
	return start, length, hasLen, true
}

// cmdSubstring is cmd's %v:~start,length%: negative start counts from the
// end, negative length stops that far before the end, out of range clamps.
func cmdSubstring(v string, start, length int, hasLen bool) string {
	n := len(v)
	if start < 0 {
		start = max(n+start, 0)
	}
	start = min(start, n)
	end := n
	switch {
	case hasLen && length < 0:
		end = n + length
	case hasLen:
		end = start + min(length, n)
	}
	end = min(end, n)
	if end <= start {
		return ""
	}
	return v[start:end]
}

// partialSub takes a substring of a value whose middle is unknown, when
// the requested range lies inside the known prefix or suffix.
func (v cmdEnvValue) partialSub(start, length int, hasLen bool) (string, bool) {
	p, s := v.prefix, v.suffix
	switch {
	case start >= 0 && hasLen && length >= 0 && start+length <= len(p):
		return p[start : start+length], true
	case start < 0 && -start <= len(s):
		// Place the suffix as if it were the whole string: same offsets.
		if hasLen && length < 0 && -length > len(s) {
			return "", false
		}
		return cmdSubstring(s, start, length, hasLen), true
	}
	return "", false
}

// cmdReplace is %v:old=new% (every match, case-insensitive) and
// %v:*old=new% (everything through the first match).
func cmdReplace(v, op string) (string, bool) {
	old, repl, ok := strings.Cut(op, "=")
	star := strings.HasPrefix(old, "*")
	old = strings.TrimPrefix(old, "*")
	if !ok || old == "" {
		return "", false
	}
	lv, lo := strings.ToLower(v), strings.ToLower(old)
	if len(lv) != len(v) {
		return "", false // case folding changed byte offsets
	}
	if star {
		i := strings.Index(lv, lo)
		if i < 0 {
			return v, true
		}
		return repl + v[i+len(old):], true
	}
	var b strings.Builder
	for {
		i := strings.Index(lv, lo)
		if i < 0 {
			b.WriteString(v)
			return b.String(), true
		}
		b.WriteString(v[:i] + repl)
		v, lv = v[i+len(old):], lv[i+len(old):]
	}
}
