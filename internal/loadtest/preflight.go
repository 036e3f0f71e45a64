package loadtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

// readyWait is how long preflight waits for /readyz (a server started
// just before the load test is still warming its models).
const readyWait = 30 * time.Second

// preflight waits until the server is ready, then sends one scan so that a
// wrong URL or key fails at once with the server's reason instead of as N
// errors.
func preflight(ctx context.Context, c *http.Client, o Options, body []byte) error {
	if err := waitReady(ctx, c, o.URL+"/readyz"); err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, o.URL+"/v1/scan", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+o.Key)
	res, err := c.Do(req)
	if err != nil {
		return fmt.Errorf("test scan: %w", err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(res.Body, 64<<10))
	switch {
	case res.StatusCode == http.StatusOK:
		return nil
	case res.StatusCode == http.StatusUnauthorized || res.StatusCode == http.StatusForbidden:
		return fmt.Errorf("the server refused the key (%d): %s", res.StatusCode, detail(b))
	}
	return fmt.Errorf("test scan answered %d: %s", res.StatusCode, detail(b))
}

func waitReady(ctx context.Context, c *http.Client, url string) error {
	deadline := time.Now().Add(readyWait)
	for {
		err := get(ctx, c, url)
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("server not ready after %s: %w", readyWait, err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(250 * time.Millisecond):
		}
	}
}

func get(ctx context.Context, c *http.Client, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	res, err := c.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	io.Copy(io.Discard, res.Body)
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", url, res.Status)
	}
	return nil
}

// detail is a problem's detail, or the start of a body that is not one.
func detail(body []byte) string {
	var p struct {
		Detail string `json:"detail"`
	}
	if json.Unmarshal(body, &p) == nil && p.Detail != "" {
		return p.Detail
	}
	if len(body) > 200 {
		body = body[:200]
	}
	return string(bytes.TrimSpace(body))
}
