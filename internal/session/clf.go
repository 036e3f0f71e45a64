package session

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// clfLine matches the common and combined log formats of nginx and
// Apache: host ident user [time] "request" status bytes ["referer" "agent"].
var clfLine = regexp.MustCompile(`^(\S+) (\S+) (\S+) \[([^\]]+)\] "((?:[^"\\]|\\.)*)" (\d{3}|-) (\S+)`)

const clfTime = "02/Jan/2006:15:04:05 -0700"

// ParseCLF reads one common/combined log line. The request line is split
// into method, path and query; a request line that is not "METHOD TARGET
// PROTOCOL" (scanners send junk) keeps its text as the path.
func ParseCLF(line string) (Event, error) {
	m := clfLine.FindStringSubmatch(line)
	if m == nil {
		return Event{}, errors.New("not a common/combined log line")
	}
	t, err := time.Parse(clfTime, m[4])
	if err != nil {
		return Event{}, errors.New("bad time " + strconv.Quote(m[4]))
	}
	e := Event{Time: t, Client: m[1], ExitCode: -1}
	if m[3] != "-" {
		e.User = m[3]
	}
	e.Status, _ = strconv.Atoi(m[6])
	req := strings.ReplaceAll(m[5], `\"`, `"`)
	if parts := strings.Fields(req); len(parts) == 3 && strings.HasPrefix(parts[2], "HTTP/") {
		e.Method, req = parts[0], parts[1]
	}
	e.Path, e.Query, _ = strings.Cut(req, "?")
	return e, nil
}
