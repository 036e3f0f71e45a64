package deobfuscate

import (
	"strings"
)

func init() {
	register(19, Transform{Name: "psenc_whitespace", Lang: "powershell", Fn: PSEncWhitespace})
}

// psencMaxDigits caps the digits of one character code: a [char] is at
// most 65535, so a longer run is not this encoding (and a run of millions
// of digit groups would only burn CPU).
const psencMaxDigits = 5

// PSEncWhitespace decodes Invoke-Obfuscation's ENCODING\WHITESPACE
// launcher: a string of only tabs and spaces where each character code is a
// run of decimal digits, digit d written as d+1 copies of one whitespace
// character, digits separated by one copy of the other and characters by
// two. The frame splits on the two separators in that order (-split '  ',
// then -split ' ' or .Split(' ')), counts lengths, joins and casts to
// [char]; the whole launcher becomes the script.
func PSEncWhitespace(in string) (string, bool) {
	if !strings.Contains(in, "\t") || !psencContainsFold(in, "split") {
		return in, false
	}
	data, ok := psencLongestQuoted(in, psencWhitespaceOnly)
	if !ok || data.end-data.start < 8 || !psencLauncher(in, data.start, data.end) {
		return in, false
	}
	charSep, digitSep, ok := psencWhitespaceSeps(psencSplitArgs(psencFrame(in, data.start, data.end)))
	if !ok {
		return in, false
	}
	out, ok := psencDecodeWhitespace(in[data.start:data.end], charSep, digitSep)
	if !ok || !bounded(in, out) {
		return in, false
	}
	return out, true
}

func psencWhitespaceOnly(s string) bool {
	return strings.Trim(s, " \t") == ""
}

// psencWhitespaceSeps returns the character separator (the first split
// argument of two whitespace characters) and the digit separator (the
// first one-character whitespace argument after it).
func psencWhitespaceSeps(args []psencSplitArg) (string, string, bool) {
	for i, a := range args {
		if len(a.arg) != 2 || !psencWhitespaceOnly(a.arg) {
			continue
		}
		for _, b := range args[i+1:] {
			if len(b.arg) == 1 && psencWhitespaceOnly(b.arg) {
				return a.arg, b.arg, true
			}
		}
	}
	return "", "", false
}

// psencDecodeWhitespace turns the whitespace data into text.
func psencDecodeWhitespace(data, charSep, digitSep string) (string, bool) {
	var b strings.Builder
	for _, piece := range strings.Split(data, charSep) {
		if piece == "" {
			continue
		}
		digits := strings.Split(piece, digitSep)
		if len(digits) > psencMaxDigits {
			return "", false
		}
		code := 0
		for _, d := range digits {
			if d == "" || len(d) > 10 {
				return "", false
			}
			code = code*10 + len(d) - 1
		}
		if code > 0xffff || (code >= 0xd800 && code < 0xe000) {
			return "", false
		}
		b.WriteRune(rune(code))
	}
	out := b.String()
	if len(out) < 2 || printableRatio(out) < 0.9 {
		return "", false
	}
	return out, true
}
