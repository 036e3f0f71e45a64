package deobfuscate

import "testing"

func TestPSConcat(t *testing.T) {
	runTransformTable(t, PSConcat, []transformCase{
		{"single quotes", `('Ne'+'w-Ob'+'ject') Net.WebClient`, `('New-Object') Net.WebClient`, true},
		{"mixed quotes and spaces", `"Down" + 'load' +"String"`, `'DownloadString'`, true},
		{"nested parentheses", `(('i'+'e')+('x'))`, `('iex')`, true},
		{"quote inside is re-quoted", `"it'" + 's'`, `'it''s'`, true},
		{"member access binds tighter", `'a'+'bxc'.Replace('x','')`, `'a'+'bxc'.Replace('x','')`, false},
		{"index binds tighter", `'a'+'bc'[0]`, `'a'+'bc'[0]`, false},
		{"interpolating string", `"$env:temp"+'\a.exe'`, `"$env:temp"+'\a.exe'`, false},
		{"method argument parentheses", `$x.M('a')+'b'`, `$x.M('a')+'b'`, false},
		{"no literals", `$a + $b`, `$a + $b`, false},
	})
}

func TestPSFormat(t *testing.T) {
	runTransformTable(t, PSFormat, []transformCase{
		{"reorder", `("{1}{0}" -f 'x','ie')`, `('iex')`, true},
		{"upper -F, no spaces", `("{2}{0}{1}"-F'w-Obj','ect','Ne')`, `('New-Object')`, true},
		{"repeated index and braces", `'{0}{{{0}}}' -f 'a'`, `'a{a}'`, true},
		{"alignment", `"[{0,3}|{1,-2}]" -f 'a','b'`, `'[  a|b ]'`, true},
		{"integer argument", `'{0}{1}' -f 'v',1`, `'v1'`, true},
		{"format string item", `'{0:x2}' -f 255`, `'{0:x2}' -f 255`, false},
		{"index out of range", `'{2}' -f 'a'`, `'{2}' -f 'a'`, false},
		{"huge alignment refused", `'{0,99999999}' -f 'a'`, `'{0,99999999}' -f 'a'`, false},
		{"variable argument", `'{0}' -f $a`, `'{0}' -f $a`, false},
	})
}

func FuzzPSConcat(f *testing.F) {
	fuzzTransform(f, PSConcat, `('Ne'+'w-Ob'+"ject")`, `(('a'+'b')+'c')`)
}
func FuzzPSFormat(f *testing.F) {
	fuzzTransform(f, PSFormat, `("{1}{0}" -f 'x','ie')`, `'{0,5}{{' -f 'a'`)
}

func BenchmarkPSConcat(b *testing.B) {
	benchTransform(b, PSConcat, `(New-Object ('Ne'+'t.We'+'bCl'+'ient')).('Down'+'load'+'String')('ht'+'tp://x/a')`)
}
func BenchmarkPSConcatBenign(b *testing.B) {
	benchTransform(b, PSConcat, `Get-ChildItem -Path C:\Users -Recurse | Where-Object { $_.Length -gt 1MB } | Select-Object -First 10`)
}
func BenchmarkPSFormat(b *testing.B) {
	benchTransform(b, PSFormat, `&("{1}{0}{2}" -f 'w-Ob','Ne','ject') ("{0}{1}" -f 'Net.Web','Client')`)
}
