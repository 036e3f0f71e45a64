package session

import (
	"regexp"
	"strings"
)

// Limits of the SQL payload heuristic. Each bounds the work one request
// can cost: a hostile client cannot make extraction slow with a huge or
// deeply encoded query.
const (
	maxSQLInput   = 8 << 10 // bytes of query + body examined
	maxURLDecodes = 3       // rounds of percent-decoding (%2527 → %27 → ')
)

// sqlPatterns each indicate an SQL payload on their own. Plain SQL words
// ("select a size from the menu", "O'Brien") match none of them; the
// patterns need SQL syntax around the words. RE2 matching is linear in
// the input, so no pattern can be made to backtrack.
var sqlPatterns = regexp.MustCompile(strings.Join([]string{
	`\bunion(\s+all|\s+distinct)?\s+select\b`,                         // UNION-based extraction
	`'\s*(or|and)\s+'?[\w-]+'?\s*(=|<|>|like\b)`,                      // ' or '1'='1, ' and 1=1
	`\b(or|and)\s+(\d+)\s*=\s*(\d+)\b`,                                // numeric tautology: or 1=1
	`;\s*(drop|delete|insert|update|select|exec|shutdown|truncate)\b`, // stacked query
	`\b(sleep|benchmark|pg_sleep)\s*\(|\bwaitfor\s+delay\b`,           // time-based blind
	`\binformation_schema\b|\bxp_cmdshell\b|\bload_file\s*\(|\binto\s+(out|dump)file\b|@@version`,
	`'\s*(--|#|/\*)`, // quote closed, rest commented out
	`\bselect\b[^;]{1,200}\bfrom\b[^;]{1,200}\bwhere\b`, // a whole query in a parameter
	`\b(drop|alter|create)\s+(table|database)\b`,
}, "|"))

// LooksLikeSQL is the SQL payload heuristic of session extraction: s (a
// query string, body or both) is percent-decoded up to three times with
// '+' as space, lower-cased, inline comments (/**/) become spaces, and
// then any one of sqlPatterns must match.
//
// It is a placeholder with a fixed, documented behaviour: when the HTTP
// request detector exists, ExtractConfig.SQL takes its verdicts instead.
func LooksLikeSQL(s string) bool {
	if len(s) > maxSQLInput {
		s = s[:maxSQLInput]
	}
	s = strings.ToLower(urlDecode(s))
	if strings.Contains(s, "/*") {
		s = inlineComment.ReplaceAllString(s, " ")
	}
	return sqlPatterns.MatchString(s)
}

var inlineComment = regexp.MustCompile(`/\*.*?\*/`)

// urlDecode percent-decodes s up to maxURLDecodes times, leniently: a
// malformed escape stays as it is.
func urlDecode(s string) string {
	s = strings.ReplaceAll(s, "+", " ")
	for range maxURLDecodes {
		d := percentDecode(s)
		if d == s {
			break
		}
		s = d
	}
	return s
}

func percentDecode(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			b.WriteByte(unhex(s[i+1])<<4 | unhex(s[i+2]))
			i += 2
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}
