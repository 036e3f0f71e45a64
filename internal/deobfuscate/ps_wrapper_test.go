package deobfuscate

import "testing"

func TestPSCommandArg(t *testing.T) {
	runTransformTable(t, PSCommandArg, []transformCase{
		{"quoted script", `powershell.exe -nop -w hidden -c "IEX ('a'+'b')"`, `powershell.exe -nop -w hidden -c IEX ('a'+'b')`, true},
		{"-Command with escaped quotes", `pwsh -Command "Write-Host \"hi\" $x"`, `pwsh -Command Write-Host "hi" $x`, true},
		{"nothing to unfold", `powershell -c "Get-Process"`, `powershell -c "Get-Process"`, false},
		{"unquoted script", `powershell -c Get-Process`, `powershell -c Get-Process`, false},
		{"two quoted arguments", `powershell -c "a" "b"`, `powershell -c "a" "b"`, false},
		{"-ExecutionPolicy is not -c", `powershell -ExecutionPolicy "Bypass"`, `powershell -ExecutionPolicy "Bypass"`, false},
	})
}

func FuzzPSCommandArg(f *testing.F) {
	fuzzTransform(f, PSCommandArg, `powershell -c "iex 'a'"`, `pwsh -c "`)
}

func BenchmarkPSCommandArg(b *testing.B) {
	benchTransform(b, PSCommandArg, `powershell.exe -NoProfile -ExecutionPolicy Bypass -Command "Get-ChildItem C:\Users | Select-Object -First 10"`)
}

func TestPSWrapper(t *testing.T) {
	runTransformTable(t, PSWrapper, []transformCase{
		{"literal payload", `&( $pshome[4]+$pshome[30]+'x')('Write-Host hi')`, `Write-Host hi`, true},
		{"dot form, expression payload", `.($env:comspec[4,15,25]-join'') ([Text.Encoding]::UTF8.GetString($b));`, `[Text.Encoding]::UTF8.GetString($b)`, true},
		{"trailing code", `&(gv x)('a'); whoami`, `&(gv x)('a'); whoami`, false},
		{"plain call", `& notepad.exe`, `& notepad.exe`, false},
		{"leftover script literal", `('Write-Host (1+1)')`, `Write-Host (1+1)`, true},
		{"quoted program path stays", `"C:\Program Files (x86)\app.exe"`, `"C:\Program Files (x86)\app.exe"`, false},
	})
}

func FuzzPSWrapper(f *testing.F) { fuzzTransform(f, PSWrapper, `&('iex')('whoami')`, `.(`) }

func BenchmarkPSWrapper(b *testing.B) {
	benchTransform(b, PSWrapper, `&( $pshome[4]+$pshome[30]+'x')('Write-Host hi')`)
}
