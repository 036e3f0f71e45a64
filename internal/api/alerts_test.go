package api

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/vigilsec/vigil/internal/command/detect"
	"github.com/vigilsec/vigil/internal/store"
)

// scanAndWait scans commands and waits until the alerts are stored.
func (e *env) scanAndWait(want int, cmds ...string) {
	e.t.Helper()
	for _, c := range cmds {
		if r := e.do("POST", "/v1/scan", e.scn, map[string]string{"command": c}); r.status != 200 {
			e.t.Fatalf("scan %q: %d %s", c, r.status, r.body)
		}
	}
	eventually(e.t, "alerts stored", func() bool { return len(e.alerts("").Alerts) == want })
}

func (e *env) alerts(query string) store.AlertPage {
	e.t.Helper()
	r := e.do("GET", "/v1/alerts"+query, e.admin, nil)
	var p store.AlertPage
	r.decode(e.t, &p)
	if r.status != 200 {
		e.t.Fatalf("list alerts%s: %d %s", query, r.status, r.body)
	}
	return p
}

func TestAlertsAreStoredAndFiltered(t *testing.T) {
	e := newEnv(t)
	e.scanAndWait(2, maliciousCmd, suspiciousCmd, benignCmd) // benign raises no alert at the default level
	tests := []struct {
		query string
		want  []string // subjects, newest first
	}{
		{"", []string{suspiciousCmd, maliciousCmd}},
		{"?label=Malicious", []string{maliciousCmd}},
		{"?technique=T1046", []string{suspiciousCmd}},
		{"?status=acknowledged", nil},
		{"?since=" + url.QueryEscape(time.Now().Add(time.Hour).Format(time.RFC3339)), nil},
		{"?limit=1", []string{suspiciousCmd}},
	}
	for _, tt := range tests {
		t.Run("filter"+tt.query, func(t *testing.T) {
			var got []string
			for _, a := range e.alerts(tt.query).Alerts {
				got = append(got, a.Subject)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("subjects %q, want %q", got, tt.want)
			}
		})
	}
	first := e.alerts("?limit=1")
	next := e.alerts("?limit=1&cursor=" + url.QueryEscape(first.NextCursor))
	if len(next.Alerts) != 1 || next.Alerts[0].Subject != maliciousCmd || next.NextCursor != "" {
		t.Errorf("second page %+v, want the malicious alert and no cursor", next)
	}
	var v detect.Verdict
	if err := json.Unmarshal(next.Alerts[0].Evidence, &v); err != nil || v.Label != "Malicious" || len(v.Evidence) == 0 {
		t.Errorf("alert evidence is not the whole verdict: %v %s", err, next.Alerts[0].Evidence)
	}
	if next.Alerts[0].KeyID != e.scanKey.ID {
		t.Errorf("alert key %q, want the scanning key %q", next.Alerts[0].KeyID, e.scanKey.ID)
	}
}

func TestAcknowledge(t *testing.T) {
	e := newEnv(t)
	e.scanAndWait(1, maliciousCmd)
	id := e.alerts("").Alerts[0].ID
	r := e.do("POST", "/v1/alerts/"+id+"/ack", e.admin, nil)
	var a store.Alert
	r.decode(t, &a)
	if r.status != 200 || a.Status != store.StatusAcknowledged {
		t.Fatalf("ack: %d %s", r.status, r.body)
	}
	if got := e.alerts("?status=acknowledged").Alerts; len(got) != 1 || got[0].ID != id {
		t.Errorf("acknowledged alerts %+v", got)
	}
	if r := e.do("GET", "/v1/alerts/"+id, e.admin, nil); r.status != 200 || !strings.Contains(string(r.body), `"acknowledged"`) {
		t.Errorf("get alert: %d %s", r.status, r.body)
	}
	if r := e.do("POST", "/v1/alerts/alr_missing/ack", e.admin, nil); r.status != 404 {
		t.Errorf("ack of a missing alert: %d", r.status)
	}
	if r := e.do("POST", "/v1/alerts/"+id+"/ack", e.admin, `{"note":"x"}`); r.status != 400 {
		t.Errorf("ack with a body it does not read: %d, want 400", r.status)
	}
}

func TestFalsePositiveAllowsTheCommandFromNowOn(t *testing.T) {
	e := newEnv(t)
	e.scanAndWait(1, suspiciousCmd)
	id := e.alerts("").Alerts[0].ID
	r := e.do("POST", "/v1/alerts/"+id+"/false-positive", e.admin, nil)
	var fp FalsePositive
	r.decode(t, &fp)
	if r.status != 200 || fp.Alert.Status != store.StatusFalsePositive || !fp.Created || fp.AllowRule.AlertID != id {
		t.Fatalf("false positive: %d %s", r.status, r.body)
	}
	// The same command, spaced differently, is now Benign by the allow rule;
	// a longer command is not covered by it.
	tests := []struct {
		cmd, label, reason string
	}{
		{"nmap  -sn   10.0.0.0/24", "Benign", "allow_rule"},
		{"nmap -sn 10.0.0.0/24 -p 22", "Suspicious", ""},
	}
	for _, tt := range tests {
		var v detect.Verdict
		e.do("POST", "/v1/scan", e.scn, map[string]string{"command": tt.cmd}).decode(t, &v)
		if v.Label != tt.label || (tt.reason != "" && v.Reason != tt.reason) {
			t.Errorf("%q: %s (%s), want %s (%s)", tt.cmd, v.Label, v.Reason, tt.label, tt.reason)
		}
	}
	eventually(t, "allow-rule hit flushed", func() bool {
		rules, err := e.st.ListAllowRules(context.Background())
		return err == nil && len(rules) == 1 && rules[0].Hits == 1
	})
	again := e.do("POST", "/v1/alerts/"+id+"/false-positive", e.admin, nil)
	again.decode(t, &fp)
	if again.status != 200 || fp.Created {
		t.Errorf("a second false positive for the same pattern made another rule: %s", again.body)
	}
}

func TestStreamDeliversNewAlerts(t *testing.T) {
	e := newEnv(t)
	req, _ := http.NewRequestWithContext(t.Context(), "GET", e.http.URL+"/v1/alerts/stream", nil)
	req.Header.Set("Authorization", "Bearer "+e.admin)
	res, err := e.http.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("stream: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	lines := bufio.NewScanner(res.Body)
	lines.Buffer(nil, 1<<20)
	readUntil(t, lines, ": connected")
	e.do("POST", "/v1/scan", e.scn, map[string]string{"command": maliciousCmd})
	readUntil(t, lines, "event: alert")
	data := readUntil(t, lines, "data: ")
	var a store.Alert
	if err := json.Unmarshal([]byte(strings.TrimPrefix(data, "data: ")), &a); err != nil || a.Subject != maliciousCmd || a.ID == "" {
		t.Fatalf("event data %q: %v", data, err)
	}
	e.do("POST", "/v1/alerts/"+a.ID+"/ack", e.admin, nil)
	readUntil(t, lines, "event: status")
	if data := readUntil(t, lines, "data: "); !strings.Contains(data, `"acknowledged"`) {
		t.Errorf("status event %q", data)
	}
}

// readUntil reads lines until one starts with prefix, and returns it.
func readUntil(t *testing.T, s *bufio.Scanner, prefix string) string {
	t.Helper()
	done := make(chan string, 1)
	go func() {
		for s.Scan() {
			if strings.HasPrefix(s.Text(), prefix) {
				done <- s.Text()
				return
			}
		}
		done <- ""
	}()
	select {
	case l := <-done:
		if l == "" {
			t.Fatalf("stream ended before %q", prefix)
		}
		return l
	case <-time.After(5 * time.Second):
		t.Fatalf("no %q on the stream", prefix)
	}
	return ""
}

func TestStatsCountsAlertsByLabelAndTechnique(t *testing.T) {
	e := newEnv(t)
	e.scanAndWait(2, maliciousCmd, suspiciousCmd)
	var st StatsResponse
	r := e.do("GET", "/v1/stats?window=2h&bucket=15m", e.admin, nil)
	r.decode(t, &st)
	if r.status != 200 || st.Total != 2 || st.BucketSeconds != 900 || len(st.Buckets) < 8 {
		t.Fatalf("stats %d %s", r.status, r.body)
	}
	var labels = map[string]int64{}
	for _, b := range st.Buckets {
		for l, n := range b.Labels {
			labels[l] += n
		}
	}
	if labels["Malicious"] != 1 || labels["Suspicious"] != 1 {
		t.Errorf("labels over the buckets %v", labels)
	}
	if len(st.Techniques) == 0 || st.Techniques[0].Name == "" {
		t.Errorf("techniques without names: %+v", st.Techniques)
	}
	if r := e.do("GET", "/v1/stats?bucket=soon", e.admin, nil); r.status != 400 || r.problem(t).Errors[0].Field != "bucket" {
		t.Errorf("bad bucket: %d %s", r.status, r.body)
	}
}
