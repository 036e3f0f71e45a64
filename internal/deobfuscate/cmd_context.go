package deobfuscate

import "strings"

// cmdLooksCmd reports whether s is clearly a cmd.exe line: it starts cmd
// (cmd /c, cmd.exe, c^m^d/c, %COMSPEC%) or batch (@echo off, setlocal).
// Carets and quotes are ignored while looking, since they are the
// obfuscation being undone.
func cmdLooksCmd(s string) bool {
	if strings.ContainsAny(s, `^"`) {
		s = strings.Map(func(r rune) rune {
			if r == '^' || r == '"' {
				return -1
			}
			return r
		}, s)
	}
	if cmdContainsFold(s, "%comspec%") || cmdContainsFold(s, "cmd.exe") || cmdContainsFold(s, "@echo off") || cmdContainsFold(s, "setlocal") {
		return true
	}
	for off := 0; ; {
		i := cmdIndexFold(s[off:], "cmd")
		if i < 0 {
			return false
		}
		j := off + i + 3
		if off+i > 0 && shAlnum(s[off+i-1]) {
			off = j
			continue
		}
		for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
			j++
		}
		if j < len(s) && s[j] == '/' {
			return true
		}
		off = j
	}
}

// cmdDelayed reports whether s turns on delayed expansion (cmd /V:ON,
// cmd /v, setlocal EnableDelayedExpansion), so !var! expands.
func cmdDelayed(s string) bool {
	if cmdContainsFold(s, "enabledelayedexpansion") {
		return true
	}
	for _, f := range []string{"/v:on", "/v ", "/v/", "/v\t"} {
		if cmdContainsFold(s, f) {
			return cmdLooksCmd(s)
		}
	}
	return false
}

// cmdIndexFold is strings.Index with ASCII case folding; sub must be lower
// case. It allocates nothing, unlike strings.ToLower.
func cmdIndexFold(s, sub string) int {
	n := len(sub)
	for i := 0; i+n <= len(s); i++ {
		k := 0
		for k < n && cmdLower(s[i+k]) == sub[k] {
			k++
		}
		if k == n {
			return i
		}
	}
	return -1
}

func cmdContainsFold(s, sub string) bool { return cmdIndexFold(s, sub) >= 0 }

func cmdLower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
