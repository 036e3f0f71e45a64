package deobfuscate

import (
	"fmt"
	"strings"
	"testing"
)

func psencCharCodesCases() []transformCase {
	s := psencScript
	garbage := psencLaunch(`iex(-join[char[]](1,2,3,4,5,6,7,8))`)
	noInvoke := `-join [char[]](72,105) | Out-File x.txt`
	bigFrame := `iex(-join[char[]](72,105)); ` + strings.Repeat("Write-Host 'padding'; ", 300)
	return []transformCase{
		{"ascii list cast to char array", psencLaunch(fmt.Sprintf(`iEX ( -jOIn[ChAR[]] ( %s ))`, psencCodes(s, 10, 0, " ,", ", "))), s, true},
		{"ascii string split on delimiter set", psencLaunch(fmt.Sprintf(`.( $ShellId[1]+$ShellId[13]+'x')( -join('%s'.Split('yMu') | ForEach-Object{ ([int]$_ -as [char]) }))`, psencCodes(s, 10, 0, "y", "M", "u"))), s, true},
		{"octal with ToInt16 base 8", psencLaunch(fmt.Sprintf(`[string]::Join('', ('%s' -split 'p' -split 'z' | %%{ ([Convert]::ToInt16(($_.ToString()),8) -as [char]) })) | .((gv '*mdr*').Name[3,11,2]-join'')`, psencCodes(s, 8, 0, "p", "z"))), s, true},
		{"hex with case-insensitive -split", psencLaunch(fmt.Sprintf(`('%s' -split 'S' -split 'T' | ForEach{ ([Convert]::ToInt16(([string]$_),16) -as [char]) }) -join '' | &( $env:ComSpec[4,15,25]-join'')`, psencCodes(s, 16, 0, "s", "t"))), s, true},
		{"hex list with quoted items", psencLaunch(fmt.Sprintf(`& ( $PSHome[4]+$PSHome[30]+'x') ("$(Set-Item 'Variable:OFS' '')" + [string](( '%s' )| %%{([Convert]::ToInt16(([string]$_),16) -as [char])}) + "$(Set-Item 'Variable:OFS' ' ')")`, psencCodes(s, 16, 0, "','"))), s, true},
		{"binary with .Split", psencLaunch(fmt.Sprintf(`-join ('%s'.Split('x:!') | %%{ ([char]([Convert]::ToInt16(($_.ToString()),2))) }) | iex`, psencCodes(s, 2, 0, "x", ":", "!"))), s, true},
		{"bxor list with hex key", psencLaunch(fmt.Sprintf(`&( $PSHome[4]+$PSHome[34]+'X')([string]::Join('', ([char[]] ( %s ) | ForEach{ [char]( $_ -bxor "0x2a" ) })))`, psencCodes(s, 10, 0x2a, ","))), s, true},
		{"bxor split with bare key", psencLaunch(fmt.Sprintf(`.( ([string]$VerbosePreference)[1,3]+'X'-join'') ([string]::Join('', ('%s' -split 'd' -split 'w' | ForEach-Object { [char]($_ -bxor 0x1c) })))`, psencCodes(s, 10, 0x1c, "D", "w"))), s, true},
		{"no invoke builder is left alone", noInvoke, noInvoke, false},
		{"codes that decode to control characters", garbage, garbage, false},
		{"a large frame is a script, not a launcher", bigFrame, bigFrame, false},
		{"plain command", "Get-Process | Sort-Object CPU", "Get-Process | Sort-Object CPU", false},
		{"char without data", "[char]65", "[char]65", false},
	}
}

func TestPSEncCharCodes(t *testing.T) { runTransformTable(t, PSEncCharCodes, psencCharCodesCases()) }

func TestPSEncCharCodesInPipeline(t *testing.T) {
	in := psencLaunch(fmt.Sprintf(`iex(-join[char[]](%s))`, psencCodes("whoami /all", 10, 0, ",")))
	if r := Run(in); r.Deobfuscated != "whoami /all" {
		t.Fatalf("got %q (steps %v)", r.Deobfuscated, r.Steps)
	}
}

func FuzzPSEncCharCodes(f *testing.F) {
	var seeds []string
	for _, tc := range psencCharCodesCases() {
		seeds = append(seeds, tc.in)
	}
	fuzzTransform(f, PSEncCharCodes, seeds...)
}

func BenchmarkPSEncCharCodes(b *testing.B) {
	in := psencLaunch(fmt.Sprintf(`-join ('%s'.Split('x:!') | %%{ ([char]([Convert]::ToInt16(($_.ToString()),2))) }) | iex`,
		psencCodes(strings.Repeat(psencScript, 10), 2, 0, "x", ":", "!")))
	benchTransform(b, PSEncCharCodes, in)
}

func TestPSEncCharCodesKeepsSurroundingScript(t *testing.T) {
	runTransformTable(t, PSEncCharCodes, []transformCase{
		{"launcher inside a larger script is left whole",
			"$a = 1; iex ((86,90,71,63)|%{[char]($_ -bxor 0x1f)}); Write-Host done",
			"$a = 1; iex ((86,90,71,63)|%{[char]($_ -bxor 0x1f)}); Write-Host done", false},
	})
}
