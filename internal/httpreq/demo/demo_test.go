package demo

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestTrafficIsLabelledAndHeaderStripped runs the shop, the logger and the
// client together and checks the logs.
func TestTrafficIsLabelledAndHeaderStripped(t *testing.T) {
	sawHeader := false
	shop := NewShop()
	app := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get(LabelHeader) != "" {
			sawHeader = true
		}
		shop.ServeHTTP(w, r)
	})
	var jsonl, clf bytes.Buffer
	srv := httptest.NewServer(&Logger{Next: app, JSONL: &jsonl, CLF: &clf})
	defer srv.Close()
	c := &Client{Base: srv.URL, AttackShare: 0.3, Seed: 3}
	if n, err := c.Run(context.Background(), 200); err != nil || n != 200 {
		t.Fatalf("sent %d: %v", n, err)
	}
	if sawHeader {
		t.Error("the application saw the label header")
	}
	attacks, lines := 0, 0
	sc := bufio.NewScanner(&jsonl)
	for sc.Scan() {
		var rec Record
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		lines++
		if _, leaked := rec.Headers[strings.ToLower(LabelHeader)]; leaked {
			t.Fatal("label header logged")
		}
		if rec.Label == "attack" {
			attacks++
			if rec.AttackType == "" {
				t.Errorf("attack without type: %+v", rec)
			}
		}
		if rec.StatusCode != 200 {
			t.Errorf("status %d for %s %s", rec.StatusCode, rec.Method, rec.Path)
		}
	}
	if lines != 200 || attacks < 30 || attacks > 90 {
		t.Errorf("%d records, %d attacks (share 0.3)", lines, attacks)
	}
	if n := strings.Count(clf.String(), "\n"); n != 200 || !strings.Contains(clf.String(), `"label=attack:`) {
		t.Errorf("%d combined-format lines", n)
	}
}
