package httpreq

import (
	"fmt"
	"strconv"
	"strings"
)

// maxCLFLine bounds one log line: a request target at its limits plus the
// other fields.
func maxCLFLine(lim Limits) int { return lim.MaxPath + lim.MaxQuery + 16<<10 }

// ParseCLF reads one nginx/Apache access-log line in the common or
// combined format:
//
//	host ident user [time] "METHOD target HTTP/x.y" status bytes ["referer" "user-agent" ...]
//
// Quoted fields may escape quotes as \" (Apache) or \x22 (nginx); both are
// undone. Referer and User-Agent become headers; logs carry no body.
func ParseCLF(line string, lim Limits) (*Request, error) {
	if len(line) > maxCLFLine(lim) {
		return nil, fmt.Errorf("%w: log line over %d bytes", ErrTooLarge, maxCLFLine(lim))
	}
	s := clfScanner{s: line}
	f := make([]string, 0, 9)
	for len(f) < 9 {
		tok, ok, err := s.next()
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
		}
		if !ok {
			break
		}
		f = append(f, tok)
	}
	if len(f) < 7 || !strings.HasPrefix(f[3], "[") {
		return nil, fmt.Errorf("%w: not a common/combined log line", ErrMalformed)
	}
	return clfRequest(f, lim)
}

func clfRequest(f []string, lim Limits) (*Request, error) {
	req, err := parseRequestLine(unescapeCLF(f[4]))
	if err != nil {
		return nil, err
	}
	req.Remote, req.Time = f[0], strings.Trim(f[3], "[]")
	if f[5] != "-" {
		if req.Status, err = strconv.Atoi(f[5]); err != nil || req.Status < 0 || req.Status > 999 {
			return nil, fmt.Errorf("%w: status %q", ErrMalformed, clip(f[5], 20))
		}
	}
	for i, name := range []string{"Referer", "User-Agent"} {
		if len(f) > 7+i && f[7+i] != "-" && f[7+i] != "" {
			req.Headers = append(req.Headers, Header{Name: name, Value: unescapeCLF(f[7+i])})
		}
	}
	if err := lim.Check(req); err != nil {
		return nil, err
	}
	return req, nil
}

// clfScanner splits a log line into fields: bare words, [bracketed] and
// "quoted" (with backslash escapes).
type clfScanner struct {
	s string
	i int
}

func (c *clfScanner) next() (string, bool, error) {
	for c.i < len(c.s) && c.s[c.i] == ' ' {
		c.i++
	}
	if c.i >= len(c.s) {
		return "", false, nil
	}
	start := c.i
	switch c.s[c.i] {
	case '"':
		for c.i++; c.i < len(c.s); c.i++ {
			switch c.s[c.i] {
			case '\\':
				c.i++
			case '"':
				c.i++
				return c.s[start+1 : c.i-1], true, nil
			}
		}
		return "", false, fmt.Errorf("unterminated quoted field")
	case '[':
		end := strings.IndexByte(c.s[c.i:], ']')
		if end < 0 {
			return "", false, fmt.Errorf("unterminated [time] field")
		}
		c.i += end + 1
		return c.s[start:c.i], true, nil
	}
	for c.i < len(c.s) && c.s[c.i] != ' ' {
		c.i++
	}
	return c.s[start:c.i], true, nil
}

// unescapeCLF undoes \" \\ and nginx's \xHH escapes; other backslashes
// stay as they are.
func unescapeCLF(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			b.WriteByte(c)
			continue
		}
		switch n := s[i+1]; {
		case n == '"' || n == '\\':
			b.WriteByte(n)
			i++
		case n == 'x' && i+3 < len(s) && isHex(s[i+2]) && isHex(s[i+3]):
			b.WriteByte(unhex(s[i+2])<<4 | unhex(s[i+3]))
			i += 3
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}
