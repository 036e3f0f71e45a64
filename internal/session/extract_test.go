package session

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// extractFile runs the extractor over a testdata fixture with the
// fixture honeytokens and returns the sessions by key (a key seen twice
// gets "#2") and the line errors.
func extractFile(t *testing.T, name, format string) (map[string]SessionRecord, map[int]string) {
	t.Helper()
	cfg := DefaultExtractConfig()
	hf, err := os.Open(filepath.Join("testdata", "honeytokens.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer hf.Close()
	if cfg.Honeytokens, err = ReadHoneytokens(hf); err != nil {
		t.Fatal(err)
	}
	got := map[string]SessionRecord{}
	x, err := NewExtractor(cfg, func(r SessionRecord) error {
		key := r.Session.Key
		if _, dup := got[key]; dup {
			key += "#2"
		}
		got[key] = r
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	parse, err := ParserFor(format)
	if err != nil {
		t.Fatal(err)
	}
	errs := map[int]string{}
	if err := Extract(f, parse, x, func(line int, err error) { errs[line] = err.Error() }); err != nil {
		t.Fatal(err)
	}
	return got, errs
}

type wantSession struct {
	features  Features
	events    int
	saturated map[string]int
}

func checkSessions(t *testing.T, got map[string]SessionRecord, want map[string]wantSession) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%d sessions, want %d: %v", len(got), len(want), got)
	}
	for key, w := range want {
		t.Run(key, func(t *testing.T) {
			r, ok := got[key]
			switch {
			case !ok:
				t.Fatal("no such session")
			case r.Features != w.features:
				t.Errorf("features %+v\nwant     %+v", r.Features, w.features)
			case r.Session.Events != w.events:
				t.Errorf("%d events, want %d", r.Session.Events, w.events)
			case len(r.Session.Saturated) != len(w.saturated):
				t.Errorf("saturated %v, want %v", r.Session.Saturated, w.saturated)
			}
			for k, v := range w.saturated {
				if r.Session.Saturated[k] != v {
					t.Errorf("saturated %v, want %v", r.Session.Saturated, w.saturated)
				}
			}
			if err := Validate(r.Features); err != nil {
				t.Errorf("extracted features must be valid: %v", err)
			}
		})
	}
}

func TestExtractCLF(t *testing.T) {
	got, errs := extractFile(t, "access.log", InputCLF)
	checkSessions(t, got, map[string]wantSession{
		// a page load (5 requests in one second), two more pages and a POST
		"192.0.2.10": {Features{0, 5, 1, 0, 0, 95}, 7, nil},
		// the same client two hours later: a new session of one request
		"192.0.2.10#2": {Features{0, 1, 0, 0, 0, 10}, 1, map[string]int{"session_time": 0}},
		// 40 × 401 on /login, 2 per second; the 403 on /admin is no login
		"198.51.100.7": {Features{40, 2, 0, 0, 0, 23}, 42, nil},
		// encoded ' OR '1'='1 and UNION SELECT in the query
		"203.0.113.9": {Features{0, 1, 0, 1, 0, 120}, 3, nil},
		// grouped by the authenticated user; a decoy path
		"alice": {Features{0, 1, 0, 0, 1, 60}, 2, nil},
	})
	if len(errs) != 1 || !strings.Contains(errs[4], "not a common/combined log line") {
		t.Errorf("line errors %v, want line 4 only", errs)
	}
}

func TestExtractHTTPJSONL(t *testing.T) {
	got, errs := extractFile(t, "access.jsonl", InputHTTPJSONL)
	checkSessions(t, got, map[string]wantSession{
		// 30 probes in one second and a decoy; 1 s long
		"203.0.113.50": {Features{0, 30, 0, 0, 1, 10}, 31, map[string]int{"session_time": 1}},
		// ECS fields; SQL in the JSON body; grouped by user.name
		"bob": {Features{0, 1, 1, 1, 0, 60}, 2, nil},
		// epoch-millisecond times, 401 from a token endpoint, status as a string
		"192.0.2.200": {Features{3, 1, 0, 0, 0, 40}, 3, nil},
	})
	if len(errs) != 1 || !strings.Contains(errs[37], "no timestamp") {
		t.Errorf("line errors %v, want line 37 only", errs)
	}
}

func TestExtractCommands(t *testing.T) {
	got, errs := extractFile(t, "commands.jsonl", InputCommandsJSONL)
	checkSessions(t, got, map[string]wantSession{
		// 18 commands over 425 s, reading a honeytoken file
		"mallory@fs-1": {Features{0, 1, 18, 0, 1, 425}, 18, nil},
		// three failed sudo, then a successful one
		"carol@web-1": {Features{3, 1, 4, 0, 0, 15}, 4, nil},
	})
	if len(errs) != 0 {
		t.Errorf("line errors %v", errs)
	}
}

func TestExtractorClosesIdleSessionsAndBoundsOpenOnes(t *testing.T) {
	cfg := DefaultExtractConfig()
	cfg.Timeout, cfg.MaxOpen = time.Minute, 2
	var keys []string
	x, err := NewExtractor(cfg, func(r SessionRecord) error { keys = append(keys, r.Session.Key); return nil })
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i, c := range []string{"a", "b", "c", "a"} {
		if err := x.Add(Event{Time: t0.Add(time.Duration(i) * time.Second), Client: c, ExitCode: -1}); err != nil {
			t.Fatal(err)
		}
	}
	if strings.Join(keys, ",") != "a,b" {
		t.Fatalf("with MaxOpen 2, the longest-idle sessions close early (a at c's arrival, then b): %v", keys)
	}
	if err := x.Add(Event{Time: t0.Add(10 * time.Minute), Client: "a", ExitCode: -1}); err != nil {
		t.Fatal(err)
	}
	if err := x.Flush(); err != nil {
		t.Fatal(err)
	}
	if strings.Join(keys, ",") != "a,b,a,c,a" {
		t.Fatalf("sessions %v: a's second session ends at its timeout, then the flush closes c and a's third", keys)
	}
}

func TestNewExtractorValidatesItsConfig(t *testing.T) {
	for name, mod := range map[string]func(*ExtractConfig){
		"zero timeout": func(c *ExtractConfig) { c.Timeout = 0 },
		"unknown by":   func(c *ExtractConfig) { c.By = "host" },
	} {
		cfg := DefaultExtractConfig()
		mod(&cfg)
		if _, err := NewExtractor(cfg, nil); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if _, err := ParserFor("syslog"); err == nil {
		t.Error("accepted an unknown input format")
	}
}

func TestParseCLF(t *testing.T) {
	tests := []struct {
		name, line                        string
		method, path, query, user, client string
		status                            int
	}{
		{"combined", `203.0.113.9 - - [01/Mar/2026:10:00:05 +0000] "GET /a?b=c HTTP/1.1" 200 12 "-" "curl/8"`, "GET", "/a", "b=c", "", "203.0.113.9", 200},
		{"common, with a user", `192.0.2.1 - alice [01/Mar/2026:10:00:05 +0100] "POST /login HTTP/2.0" 401 -`, "POST", "/login", "", "alice", "192.0.2.1", 401},
		{"junk request line", `192.0.2.1 - - [01/Mar/2026:10:00:05 +0000] "\x16\x03\x01" 400 0 "-" "-"`, "", `\x16\x03\x01`, "", "", "192.0.2.1", 400},
		{"escaped quote in the request", `192.0.2.1 - - [01/Mar/2026:10:00:05 +0000] "GET /q?x=\"1 HTTP/1.1" 200 1`, "GET", "/q", `x="1`, "", "192.0.2.1", 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := ParseCLF(tt.line)
			if err != nil {
				t.Fatal(err)
			}
			if e.Method != tt.method || e.Path != tt.path || e.Query != tt.query || e.User != tt.user || e.Client != tt.client || e.Status != tt.status {
				t.Fatalf("got %+v", e)
			}
		})
	}
	for _, bad := range []string{"", "x", `192.0.2.1 - - [yesterday] "GET / HTTP/1.1" 200 1`} {
		if _, err := ParseCLF(bad); err == nil {
			t.Errorf("%q: accepted", bad)
		}
	}
}

func TestParseCLFTimeZone(t *testing.T) {
	e, err := ParseCLF(`192.0.2.1 - - [01/Mar/2026:11:00:05 +0100] "GET / HTTP/1.1" 200 1`)
	if err != nil || !e.Time.Equal(time.Date(2026, 3, 1, 10, 0, 5, 0, time.UTC)) {
		t.Fatalf("time %v, err %v", e.Time, err)
	}
}

func TestReadHoneytokens(t *testing.T) {
	got, err := ReadHoneytokens(strings.NewReader("# decoys\n\n /a \n#x\nb\n"))
	if err != nil || strings.Join(got, ",") != "/a,b" {
		t.Fatalf("got %q, %v", got, err)
	}
	if _, err := ReadHoneytokens(strings.NewReader(strings.Repeat("x", 2000) + "\n")); err == nil {
		t.Fatal("accepted an over-long entry")
	}
}
