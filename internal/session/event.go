package session

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Event is one log record that extraction groups into sessions: an HTTP
// request or a command line.
type Event struct {
	Time time.Time
	// Client is the remote address (HTTP) or host (commands); User the
	// authenticated user, "" when unknown.
	Client, User string
	// HTTP requests.
	Method, Path, Query, Body string
	Status                    int
	// Command lines; Command is "" for HTTP. ExitCode is -1 when unknown.
	Command  string
	ExitCode int
}

// IsCommand reports whether e is a command line rather than a request.
func (e *Event) IsCommand() bool { return e.Command != "" }

// errNoTime is returned for a record without a usable timestamp.
var errNoTime = errors.New("no timestamp (timestamp, time, @timestamp or ts)")

// jsonObject decodes one JSON object with numbers kept as json.Number.
func jsonObject(b []byte) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil || m == nil {
		return nil, fmt.Errorf("%w: want one JSON object", ErrMalformed)
	}
	return m, nil
}

// lookup finds a dotted path either as a flat key ("url.path", the ECS
// style) or through nested objects ({"url": {"path": ...}}).
func lookup(m map[string]any, path string) (any, bool) {
	if v, ok := m[path]; ok {
		return v, true
	}
	head, rest, ok := strings.Cut(path, ".")
	if !ok {
		return nil, false
	}
	sub, ok := m[head].(map[string]any)
	if !ok {
		return nil, false
	}
	return lookup(sub, rest)
}

// first returns the first of paths that is present and not null.
func first(m map[string]any, paths ...string) any {
	for _, p := range paths {
		if v, ok := lookup(m, p); ok && v != nil {
			return v
		}
	}
	return nil
}

// text renders a scalar as a string; objects and arrays as JSON.
func text(v any) string {
	switch t := v.(type) {
	case nil:
		return ""
	case string:
		return t
	case json.Number:
		return t.String()
	case bool:
		return strconv.FormatBool(t)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// queryText renders a query given as a string or as an object of values.
func queryText(v any) string {
	m, ok := v.(map[string]any)
	if !ok {
		return strings.TrimPrefix(text(v), "?")
	}
	q := url.Values{}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if arr, ok := m[k].([]any); ok {
			for _, x := range arr {
				q.Add(k, text(x))
			}
			continue
		}
		q.Add(k, text(m[k]))
	}
	return q.Encode()
}

// intValue reads an integer from a JSON number or numeric string.
func intValue(v any) (int, bool) {
	n, err := strconv.Atoi(strings.TrimSpace(text(v)))
	return n, err == nil && v != nil
}

// timeValue reads an RFC 3339 string or Unix time in seconds (or
// milliseconds, when above 10^12).
func timeValue(v any) (time.Time, error) {
	switch t := v.(type) {
	case string:
		ts, err := time.Parse(time.RFC3339Nano, t)
		if err != nil {
			return time.Time{}, fmt.Errorf("timestamp %q: want RFC 3339", t)
		}
		return ts, nil
	case json.Number:
		f, err := t.Float64()
		if err != nil || math.IsNaN(f) || f < 0 || f > 1e15 {
			return time.Time{}, fmt.Errorf("timestamp %s: want Unix seconds or milliseconds", t)
		}
		if f > 1e12 {
			f /= 1000
		}
		sec, frac := math.Modf(f)
		return time.Unix(int64(sec), int64(frac*1e9)).UTC(), nil
	}
	return time.Time{}, errNoTime
}

var timeFields = []string{"timestamp", "time", "@timestamp", "ts"}

// ParseHTTPJSON reads one access-log record: {method, path, query, body,
// status, remote address, user, timestamp} under the common names
// (statusCode, source.remoteAddress, requestPayload, ECS http.request.* /
// url.* / source.ip / user.name ...).
func ParseHTTPJSON(b []byte) (Event, error) {
	m, err := jsonObject(b)
	if err != nil {
		return Event{}, err
	}
	e := Event{ExitCode: -1}
	if e.Time, err = timeValue(first(m, timeFields...)); err != nil {
		return Event{}, err
	}
	e.Method = strings.ToUpper(text(first(m, "method", "http.request.method", "request.method")))
	e.Path = text(first(m, "path", "url.path", "request.path", "uri"))
	e.Query = queryText(first(m, "query", "url.query", "request.query", "queryString"))
	e.Body = text(first(m, "body", "requestPayload", "http.request.body.content", "request.body"))
	e.Status, _ = intValue(first(m, "status", "statusCode", "status_code", "http.response.status_code", "response.status"))
	e.Client = text(first(m, "remote_addr", "remoteAddress", "source.remoteAddress", "client_ip", "client.ip", "source.ip", "ip"))
	e.User = text(first(m, "user", "username", "user.name", "remote_user"))
	if path, query, ok := strings.Cut(e.Path, "?"); ok && e.Query == "" {
		e.Path, e.Query = path, query
	}
	if e.Client == "" && e.User == "" {
		return Event{}, errors.New("no client address or user to group the request by")
	}
	return e, nil
}

// ParseCommandJSON reads one command record: {command, user, host,
// timestamp, exit_code} (also command_line, process.command_line,
// user.name, host.name, hostname).
func ParseCommandJSON(b []byte) (Event, error) {
	m, err := jsonObject(b)
	if err != nil {
		return Event{}, err
	}
	e := Event{ExitCode: -1}
	if e.Time, err = timeValue(first(m, timeFields...)); err != nil {
		return Event{}, err
	}
	e.Command = text(first(m, "command", "command_line", "cmdline", "process.command_line"))
	e.User = text(first(m, "user", "username", "user.name"))
	e.Client = text(first(m, "host", "hostname", "host.name"))
	if code, ok := intValue(first(m, "exit_code", "exitCode", "process.exit_code")); ok {
		e.ExitCode = code
	}
	switch {
	case strings.TrimSpace(e.Command) == "":
		return Event{}, errors.New("no command (command, command_line or process.command_line)")
	case e.Client == "" && e.User == "":
		return Event{}, errors.New("no user or host to group the command by")
	}
	return e, nil
}
