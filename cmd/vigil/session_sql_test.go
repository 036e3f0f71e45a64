package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestSessionExtractSQLFromHTTPDetector(t *testing.T) {
	logs := strings.Join([]string{
		`10.0.0.1 - - [21/Nov/2026:10:00:00 +0000] "GET /search?q=1%27%20UNION%20SELECT%20password%20FROM%20users-- HTTP/1.1" 200 512 "-" "curl/8"`,
		`10.0.0.2 - - [21/Nov/2026:10:00:00 +0000] "GET /products?page=2&sort=price HTTP/1.1" 200 512 "-" "Mozilla/5.0"`,
		`10.0.0.2 - - [21/Nov/2026:10:00:09 +0000] "GET /cart HTTP/1.1" 200 512 "-" "Mozilla/5.0"`,
	}, "\n") + "\n"
	for _, mode := range []string{"detector", "heuristic"} {
		t.Run(mode, func(t *testing.T) {
			out, err := run(t, logs, "session", "extract", "--input", "clf", "--sql", mode)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]int{}
			for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
				var r struct {
					SQL     int `json:"sql_payload"`
					Session struct{ Key string }
				}
				if err := json.Unmarshal([]byte(l), &r); err != nil {
					t.Fatalf("%v: %s", err, l)
				}
				got[r.Session.Key] = r.SQL
			}
			if got["10.0.0.1"] != 1 || got["10.0.0.2"] != 0 {
				t.Errorf("sql_payload by session %v, want the injection's session only", got)
			}
		})
	}
	if _, err := run(t, logs, "session", "extract", "--input", "clf", "--sql", "magic"); err == nil {
		t.Error("--sql magic accepted")
	}
}
