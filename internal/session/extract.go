package session

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

// ExtractConfig controls how events become sessions.
type ExtractConfig struct {
	// Timeout ends a session after this much inactivity.
	Timeout time.Duration
	// By groups events: "auto" (the user when known, else the client),
	// "user" or "client".
	By string
	// LoginRoute matches the paths of login endpoints; 401 and 403
	// answers there are failed logins.
	LoginRoute *regexp.Regexp
	// Honeytokens are decoy paths or values, matched case-insensitively
	// as substrings of the decoded request or the command line.
	Honeytokens []string
	// SQL decides whether a request carries an SQL payload. The default
	// is LooksLikeSQL on the query and body; this is where the HTTP
	// request detector's verdicts plug in.
	SQL func(e *Event) bool
	// MaxOpen bounds the sessions held open at once; beyond it the
	// longest-idle ones are closed early. It bounds memory on input with
	// very many clients.
	MaxOpen int
}

// DefaultLoginRoute matches the usual login, sign-in and token endpoints.
var DefaultLoginRoute = regexp.MustCompile(`(?i)(^|/)(log-?in|sign-?in|log-?on|auth(enticate)?|session|sessions|token|wp-login\.php|j_security_check|xmlrpc\.php)(/|\.|$)`)

// DefaultExtractConfig uses a 30-minute timeout, the default login route,
// no honeytokens and the SQL heuristic.
func DefaultExtractConfig() ExtractConfig {
	return ExtractConfig{Timeout: 30 * time.Minute, By: "auto", LoginRoute: DefaultLoginRoute, MaxOpen: 100_000}
}

// SessionRecord is one extracted session: the features `session predict`
// reads, and what the session was.
type SessionRecord struct {
	Features
	Session SessionInfo `json:"session"`
}

// SessionInfo identifies an extracted session. Saturated lists the
// features whose measured value fell outside the feature's range and was
// set to the nearest bound, with the measured value.
type SessionInfo struct {
	Key       string         `json:"key"`
	Start     time.Time      `json:"start"`
	End       time.Time      `json:"end"`
	Events    int            `json:"events"`
	Saturated map[string]int `json:"saturated,omitempty"`
}

// acc accumulates one open session.
type acc struct {
	key          string
	start, last  time.Time
	events       int
	failed, cmds int
	sql, honey   bool
	sec          int64 // the second being counted
	inSec, peak  int
}

func (c *ExtractConfig) keyOf(e *Event) string {
	user, client := e.User, e.Client
	if e.IsCommand() && user != "" && client != "" {
		return user + "@" + client
	}
	switch c.By {
	case "user":
		return user
	case "client":
		return client
	}
	if user != "" {
		return user
	}
	return client
}

func (a *acc) add(e *Event, c *ExtractConfig) {
	if a.events == 0 || e.Time.Before(a.start) {
		a.start = e.Time
	}
	if e.Time.After(a.last) {
		a.last = e.Time
	}
	a.events++
	if s := e.Time.Unix(); s == a.sec && a.inSec > 0 {
		a.inSec++
	} else {
		a.sec, a.inSec = s, 1
	}
	a.peak = max(a.peak, a.inSec)
	a.failed += b2i(c.failedLogin(e))
	a.cmds += b2i(e.IsCommand() || c.action(e))
	a.sql = a.sql || (!e.IsCommand() && c.SQL(e))
	a.honey = a.honey || c.honeytoken(e)
}

// failedLogin: a 401/403 answer on a login route, or a failed su, sudo,
// ssh or login command.
func (c *ExtractConfig) failedLogin(e *Event) bool {
	if e.IsCommand() {
		return e.ExitCode > 0 && isLoginCommand(e.Command)
	}
	return (e.Status == 401 || e.Status == 403) && c.LoginRoute.MatchString(e.Path)
}

func isLoginCommand(cmd string) bool {
	f := strings.Fields(cmd)
	if len(f) == 0 {
		return false
	}
	name := f[0][strings.LastIndexByte(f[0], '/')+1:]
	return name == "su" || name == "sudo" || name == "ssh" || name == "login"
}

// action reports a request that changed something, the web analogue of
// running a command: a POST, PUT, PATCH or DELETE that succeeded (status
// below 400) on a route other than a login route (login attempts are
// counted as logins, not actions).
func (c *ExtractConfig) action(e *Event) bool {
	switch e.Method {
	case "POST", "PUT", "PATCH", "DELETE":
		return e.Status < 400 && !c.LoginRoute.MatchString(e.Path)
	}
	return false
}

// maxHoneytokenInput bounds the text searched for honeytokens per event.
const maxHoneytokenInput = 64 << 10

func (c *ExtractConfig) honeytoken(e *Event) bool {
	if len(c.Honeytokens) == 0 {
		return false
	}
	s := e.Command
	if !e.IsCommand() {
		s = e.Path + "?" + e.Query + " " + e.Body
	}
	s = s[:min(len(s), maxHoneytokenInput)]
	if !e.IsCommand() {
		s = urlDecode(s)
	}
	s = strings.ToLower(s)
	for _, t := range c.Honeytokens {
		if strings.Contains(s, t) {
			return true
		}
	}
	return false
}

// record turns an accumulated session into features, saturating values
// outside a feature's range at the nearest bound and saying so.
func (a *acc) record() SessionRecord {
	secs := int(a.last.Sub(a.start).Round(time.Second) / time.Second)
	raw := [NumFeatures]int{a.failed, a.peak, a.cmds, b2i(a.sql), b2i(a.honey), secs}
	r := SessionRecord{Session: SessionInfo{Key: a.key, Start: a.start, End: a.last, Events: a.events}}
	var v [NumFeatures]int
	for i, f := range fields {
		v[i] = min(max(raw[i], f.Min), f.Max)
		if v[i] != raw[i] {
			if r.Session.Saturated == nil {
				r.Session.Saturated = map[string]int{}
			}
			r.Session.Saturated[f.Name] = raw[i]
		}
	}
	r.Features = FromValues(v)
	return r
}

// Extractor groups events into sessions and emits each when it ends.
type Extractor struct {
	cfg    ExtractConfig
	open   map[string]*acc
	latest time.Time
	seen   int
	emit   func(SessionRecord) error
}

// NewExtractor returns an extractor that calls emit for each finished
// session, in the order sessions end (ties by start, then key).
func NewExtractor(cfg ExtractConfig, emit func(SessionRecord) error) (*Extractor, error) {
	if cfg.Timeout <= 0 {
		return nil, fmt.Errorf("session timeout %v: want a positive duration", cfg.Timeout)
	}
	if cfg.By != "auto" && cfg.By != "user" && cfg.By != "client" {
		return nil, fmt.Errorf("group by %q: want auto, user or client", cfg.By)
	}
	if cfg.LoginRoute == nil {
		cfg.LoginRoute = DefaultLoginRoute
	}
	if cfg.SQL == nil {
		cfg.SQL = func(e *Event) bool { return LooksLikeSQL(e.Query + " " + e.Body) }
	}
	cfg.MaxOpen = max(cfg.MaxOpen, 1)
	for i, t := range cfg.Honeytokens {
		cfg.Honeytokens[i] = strings.ToLower(t)
	}
	return &Extractor{cfg: cfg, open: map[string]*acc{}, emit: emit}, nil
}

// sweepEvery is how many events pass between closing idle sessions.
const sweepEvery = 4096

// Add adds one event. Events should come roughly in time order: a session
// ends when its key is idle for the timeout, measured against the latest
// time seen.
func (x *Extractor) Add(e Event) error {
	key := x.cfg.keyOf(&e)
	if key == "" {
		return fmt.Errorf("no %s to group the event by", x.cfg.By)
	}
	a := x.open[key]
	if a != nil && e.Time.Sub(a.last) > x.cfg.Timeout {
		if err := x.close([]*acc{a}); err != nil {
			return err
		}
		a = nil
	}
	if a == nil {
		a = &acc{key: key}
		x.open[key] = a
	}
	a.add(&e, &x.cfg)
	if e.Time.After(x.latest) {
		x.latest = e.Time
	}
	if x.seen++; x.seen%sweepEvery == 0 || len(x.open) > x.cfg.MaxOpen {
		return x.sweep()
	}
	return nil
}

// sweep closes sessions idle for the timeout, and the longest-idle ones
// while more than MaxOpen are open.
func (x *Extractor) sweep() error {
	var idle, rest []*acc
	for _, a := range x.open {
		if x.latest.Sub(a.last) > x.cfg.Timeout {
			idle = append(idle, a)
		} else {
			rest = append(rest, a)
		}
	}
	if over := len(rest) - x.cfg.MaxOpen; over > 0 {
		slices.SortFunc(rest, func(a, b *acc) int { return a.last.Compare(b.last) })
		idle = append(idle, rest[:over]...)
	}
	return x.close(idle)
}

// Flush ends every open session.
func (x *Extractor) Flush() error {
	all := make([]*acc, 0, len(x.open))
	for _, a := range x.open {
		all = append(all, a)
	}
	return x.close(all)
}

func (x *Extractor) close(as []*acc) error {
	slices.SortFunc(as, func(a, b *acc) int {
		return cmp.Or(a.last.Compare(b.last), a.start.Compare(b.start), strings.Compare(a.key, b.key))
	})
	for _, a := range as {
		delete(x.open, a.key)
		if err := x.emit(a.record()); err != nil {
			return err
		}
	}
	return nil
}
