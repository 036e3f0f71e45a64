package deobfuscate

import "testing"

func TestPSCharRange(t *testing.T) {
	runTransformTable(t, PSCharRange, []transformCase{
		{"letters", `(65..70)|%{[char]$_}`, `'ABCDEF'`, true},
		{"reversed, foreach", `(70..65) | ForEach-Object { [char]$_ }`, `'ABCDEF'`, true},
		{"clamped to a byte", `(250..99999)|%{[char]$_}`, "'\u00fa\u00fb\u00fc\u00fd\u00fe\u00ff'", true},
		{"plain range", `1..10 | % { $_ }`, `1..10 | % { $_ }`, false},
	})
}

func TestPSCharCast(t *testing.T) {
	runTransformTable(t, PSCharCast, []transformCase{
		{"decimal", `[char]73+[char]69+[char]88`, `'I'+'E'+'X'`, true},
		{"parenthesised and hex", `[Char](101) + [char]0x78`, `'e' + 'x'`, true},
		{"quote char is re-quoted", `.Replace('x',[char]39)`, `.Replace('x','''')`, true},
		{"inside a string stays", `'[char]65'`, `'[char]65'`, false},
		{"not a rune", `[char]99999999`, `[char]99999999`, false},
		{"variable", `[char]$_`, `[char]$_`, false},
		{"char array cast", `[char[]](72,105)`, `[char[]](72,105)`, false},
	})
}

func TestPSCharBxor(t *testing.T) {
	runTransformTable(t, PSCharBxor, []transformCase{
		{"single", `[char](86 -bxor 0x1f)`, `'I'`, true},
		{"array pipeline", `-join ([char[]](86,90,71)|%{[char]($_ -bxor 0x1f)})`, `-join ('IEX')`, true},
		{"int cast in block", `(86,90,71) | foreach { [char]([int]$_ -bxor 31) }`, `'IEX'`, true},
		{"variable key", `[char](86 -bxor $k)`, `[char](86 -bxor $k)`, false},
	})
}

func TestPSCharArray(t *testing.T) {
	runTransformTable(t, PSCharArray, []transformCase{
		{"codes", `-join [char[]](72,105)`, `-join ('H','i')`, true},
		{"hex codes", `[CHAR[]](0x49, 0x45)`, `('I','E')`, true},
		{"string cast stays", `[char[]]'abc'`, `[char[]]'abc'`, false},
	})
}

func FuzzPSCharRange(f *testing.F) { fuzzTransform(f, PSCharRange, `(65..70)|%{[char]$_}`) }
func FuzzPSCharCast(f *testing.F)  { fuzzTransform(f, PSCharCast, `[char]73+[char](0x45)`, `'[char]65`) }
func FuzzPSCharBxor(f *testing.F) {
	fuzzTransform(f, PSCharBxor, `[char](86 -bxor 0x1f)`, `(86,90)|%{[char]($_ -bxor 31)}`)
}
func FuzzPSCharArray(f *testing.F) { fuzzTransform(f, PSCharArray, `[char[]](72,105)`) }

func BenchmarkPSCharRange(b *testing.B) { benchTransform(b, PSCharRange, `(65..90)|%{[char]$_}`) }
func BenchmarkPSCharCast(b *testing.B) {
	benchTransform(b, PSCharCast, `&([char]73+[char]69+[char]88) 'Write-Host hi'`)
}
func BenchmarkPSCharBxor(b *testing.B) {
	benchTransform(b, PSCharBxor, `-join ([char[]](86,90,71)|%{[char]($_ -bxor 0x1f)})`)
}
func BenchmarkPSCharArray(b *testing.B) { benchTransform(b, PSCharArray, `-join [char[]](72,105,33)`) }
