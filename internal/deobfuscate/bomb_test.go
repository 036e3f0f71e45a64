package deobfuscate

import (
	"encoding/base64"
	"strings"
	"testing"
	"time"
)

// nestedBase64 encodes s depth times, the way a deobfuscation bomb nests
// layers to keep a decoder looping.
func nestedBase64(s string, depth int) string {
	for i := 0; i < depth; i++ {
		s = base64.StdEncoding.EncodeToString([]byte(s))
	}
	return s
}

func TestBombs(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		lim       func(*Limits)
		wantLimit string
	}{
		// The time budget is lifted so that the pass limit, not machine load, ends the loop.
		{"nested base64 deeper than the pass limit stops at passes", nestedBase64("whoami", 30), func(l *Limits) { l.Budget = time.Minute }, LimitPasses},
		{"nested base64 hundreds deep is refused at the input limit", nestedBase64("id", 300/8), func(l *Limits) { l.MaxInput = 1 << 10 }, LimitInput},
		{"input over the size limit is not decoded", strings.Repeat("A", 70<<10), nil, LimitInput},
		{"a tiny budget is reported as the time limit", nestedBase64("whoami", 12), func(l *Limits) { l.Budget = time.Nanosecond }, LimitTime},
		{"a small step cap is reported", nestedBase64("whoami", 12), func(l *Limits) { l.MaxSteps, l.Budget = 2, time.Minute }, LimitSteps},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lim := DefaultLimits()
			if tc.lim != nil {
				tc.lim(&lim)
			}
			start := time.Now()
			r := RunLimits(tc.in, lim)
			// A safety bound, not a speed measurement (see BenchmarkBomb).
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("took %v", d)
			}
			if r.Limit != tc.wantLimit {
				t.Errorf("limit = %q, want %q (stop %q, %d passes)", r.Limit, tc.wantLimit, r.Stop, r.Passes)
			}
			if len(r.Deobfuscated) > lim.outputCap(len(tc.in)) && r.Limit != LimitInput {
				t.Errorf("output %d bytes exceeds cap", len(r.Deobfuscated))
			}
		})
	}
}

func TestNestedBase64Decodes(t *testing.T) {
	r := Run(nestedBase64("whoami /all", 5))
	if r.Deobfuscated != "whoami /all" || r.Limit != "" {
		t.Fatalf("got %q limit %q after %d passes", r.Deobfuscated, r.Limit, r.Passes)
	}
}

func TestRunBadInput(t *testing.T) {
	for name, in := range map[string]string{
		"empty":           "",
		"nul bytes":       "who\x00ami\x00",
		"invalid utf8":    "\xff\xfe\xfd powershell -enc \xc3\x28",
		"binary":          string([]byte{0, 1, 2, 3, 200, 201, 255, 10, 13}),
		"deep quotes":     strings.Repeat(`"'`, 4000),
		"deep parens":     strings.Repeat("(", 20000) + strings.Repeat(")", 20000),
		"lone backticks":  strings.Repeat("`", 5000),
		"only separators": strings.Repeat("|;&", 3000),
	} {
		t.Run(name, func(t *testing.T) {
			r := Run(in)
			if len(r.Deobfuscated) > DefaultLimits().outputCap(len(in)) {
				t.Fatalf("output %d bytes from %d", len(r.Deobfuscated), len(in))
			}
			if r.Stop == "" {
				t.Fatal("no stop reason")
			}
		})
	}
}

func FuzzRun(f *testing.F) {
	for _, s := range []string{"powershell -enc dwBoAG8AYQBtAGkA", "c^m^d /c whoami", "echo d2hvYW1p | base64 -d | sh", nestedBase64("id", 6)} {
		f.Add(s)
	}
	lim := DefaultLimits()
	f.Fuzz(func(t *testing.T, in string) {
		r := RunLimits(in, lim)
		if len(in) <= lim.MaxInput && len(r.Deobfuscated) > lim.outputCap(len(in)) {
			t.Fatalf("output %d bytes from %d", len(r.Deobfuscated), len(in))
		}
		if r.Changed != (r.Deobfuscated != in) {
			t.Fatal("Changed disagrees with output")
		}
	})
}

func BenchmarkBomb(b *testing.B) {
	in := nestedBase64("whoami", 30)
	b.ReportAllocs()
	for b.Loop() {
		RunLimits(in, DefaultLimits())
	}
}

func BenchmarkRunTypical(b *testing.B) {
	cmds := []string{
		"ls -la /var/log",
		"git commit -m 'fix parser' && git push origin main",
		"curl -fsSL https://example.com/install.sh | bash",
		`powershell.exe -NoProfile -Command "Get-Process | Where-Object {$_.CPU -gt 100}"`,
		`cmd.exe /c "dir C:\Users\Public /s"`,
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, c := range cmds {
			Run(c)
		}
	}
}
