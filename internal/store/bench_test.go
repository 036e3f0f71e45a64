package store

import (
	"encoding/json"
	"testing"
)

func BenchmarkInsertAlert(b *testing.B) {
	s := newStore(b, sqliteEngine)
	a := Alert{
		Detector: "command", Subject: "powershell -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQA",
		Label: "malicious", Action: "block", Confidence: 0.98, Techniques: []string{"T1059.001", "T1027", "T1105"},
		Evidence: json.RawMessage(`{"score":0.98,"rules":["ps-encoded-command","ps-hidden-window"],"steps":["base64","utf16"]}`),
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.InsertAlert(b.Context(), a); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAuthenticate(b *testing.B) {
	s := newStore(b, sqliteEngine)
	for i := range 100 {
		mustKey(b, s, "other"+string(rune('a'+i%26)))
	}
	_, secret := mustKey(b, s, "bench")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Authenticate(b.Context(), secret); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkListAlerts(b *testing.B) {
	s := newStore(b, sqliteEngine)
	for range 1000 {
		mustAlert(b, s, Alert{Detector: "command", Label: "malicious", Techniques: []string{"T1059.004"}})
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.ListAlerts(b.Context(), AlertFilter{Technique: "T1059"}); err != nil {
			b.Fatal(err)
		}
	}
}
