package deobfuscate

import (
	"regexp"
	"strings"
)

// This file holds the list sources ps_join folds besides literal lists:
// the right-to-left regex match that reverses a string, and the $OFS
// settings that decide how a [string] cast joins a list.

var (
	rtlMatchesRe = regexp.MustCompile(`(?i)^\[(?:system\.text\.regularexpressions\.)?regex\]\s*::\s*matches\s*\(`)
	// identityPipeRe is a ForEach-Object that passes each match (or its
	// value) through unchanged.
	identityPipeRe = regexp.MustCompile(`(?i)^\s*\|\s*(?:%|foreach(?:-object)?)\s*\{\s*\$_(?:\.value)?\s*\}`)
	// ofsEmptyRe finds $OFS set to "" ($ofs='', Set-Variable 'OFS' '').
	ofsEmptyRe = regexp.MustCompile(`(?i)\$ofs\s*=\s*(?:''|"")|\b(?:set-variable|sv)\s+(?:-name\s+)?['"]?ofs['"]?\s+(?:-value\s+)?(?:''|"")`)
	// ofsSubexprRe is a string holding only a subexpression that sets
	// $OFS: Set-Variable writes nothing, so the string is "".
	ofsSubexprRe    = regexp.MustCompile(`(?i)"\$\(\s*(?:set-variable|sv)\s+(?:-name\s+)?'ofs'\s+(?:-value\s+)?'(?:[^']|'')*'\s*\)"`)
	stringCastAnyRe = regexp.MustCompile(`(?i)\[(?:system\.)?string\]\s*[@(\[]`)
)

// rtlCharsAt parses [regex]::Matches('cba', '.', 'RightToLeft') at s[i],
// optionally wrapped in parentheses and piped to an identity
// ForEach-Object ({$_} or {$_.Value}). It returns the matches in order:
// the literal's characters reversed, without newlines ('.' does not match
// "\n" in .NET).
func rtlCharsAt(s string, i int) ([]string, int, bool) {
	i = skipSpace(s, i)
	if i < len(s) && s[i] == '(' {
		vals, e, ok := rtlCharsAt(s, i+1)
		e = skipSpace(s, e)
		if !ok || e >= len(s) || s[e] != ')' {
			return nil, 0, false
		}
		return vals, e + 1, true
	}
	loc := rtlMatchesRe.FindStringIndex(s[i:])
	if loc == nil {
		return nil, 0, false
	}
	args, e := literalListAt(s, i+loc[1], false)
	e = skipSpace(s, e)
	if len(args) != 3 || args[1] != "." || !strings.EqualFold(args[2], "righttoleft") || e >= len(s) || s[e] != ')' {
		return nil, 0, false
	}
	e++
	if m := identityPipeRe.FindStringIndex(s[e:]); m != nil {
		e += m[1]
	}
	r := []rune(args[0])
	vals := make([]string, 0, len(r))
	for k := len(r) - 1; k >= 0; k-- {
		if r[k] != '\n' {
			vals = append(vals, string(r[k]))
		}
	}
	return vals, e, true
}

// psOFS returns the separator a [string] cast of a list uses in s: "" when
// the script sets $OFS to "", else PowerShell's default space.
func psOFS(s string) string {
	if ofsEmptyRe.MatchString(s) {
		return ""
	}
	return " "
}

// dropOFSStrings replaces the strings that only set $OFS ("$(sv 'OFS' ”)")
// with ” once no [string] cast that the setting could affect is left.
func dropOFSStrings(s string) string {
	if !containsFold(s, "ofs") || stringCastAnyRe.MatchString(s) {
		return s
	}
	return ofsSubexprRe.ReplaceAllLiteralString(s, "''")
}
