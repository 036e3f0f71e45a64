package deobfuscate

import "testing"

func TestPSSetVariable(t *testing.T) {
	runTransformTable(t, PSSetVariable, []transformCase{
		{"named parameters, parenthesised value", `Set-Variable -Name wc -Value (New-Object Net.WebClient);$wc.x()`,
			`$wc = New-Object Net.WebClient;$wc.x()`, true},
		{"positional, quoted name, literal", "sv 'k' 'abc'\nwrite $k", "$k = 'abc'\nwrite $k", true},
		{"variable value", `Set-Variable -Name a -Value $b`, `$a = $b`, true},
		{"extra parameter keeps it", `Set-Variable -Name a -Value ('x') -Scope Global`, `Set-Variable -Name a -Value ('x') -Scope Global`, false},
		{"not at statement start", `Write-Output Set-Variable a 'x'`, `Write-Output Set-Variable a 'x'`, false},
	})
}

func TestPSGetVariable(t *testing.T) {
	runTransformTable(t, PSGetVariable, []transformCase{
		{"ValueOnly", `(Get-Variable x -ValueOnly)[0]`, `($x)[0]`, true},
		{"alias, parenthesised name, abbreviated switch", `(variable ('abc') -val).Length`, `($abc).Length`, true},
		{".Value", `(gv 'x').Value`, `($x)`, true},
		{"object, not value", `(Get-Variable x).Name`, `(Get-Variable x).Name`, false},
	})
}

func TestPSRightToLeftJoin(t *testing.T) {
	runTransformTable(t, PSJoin, []transformCase{
		{"string join of matches", `[string]::Join('', ([regex]::Matches('olleh','.','RightToLeft') | ForEach {$_.Value}))`, `'hello'`, true},
		{"unary join", `-join [Regex]::Matches("cba", '.', 'righttoleft')`, `'abc'`, true},
		{"binary join", `([regex]::Matches('cba','.','RightToLeft')| % {$_}) -join ''`, `'abc'`, true},
		{"newlines are not matched", "-join [regex]::Matches('b\na','.','RightToLeft')", `'ab'`, true},
		{"string cast with OFS from Set-Variable", `"$(Set-Variable 'OFS' '')"+([string][regex]::Matches('cba','.','RightToLeft')|%{$_})+"$(sv 'OFS' ' ')"`,
			`''+('abc')+''`, true},
		{"other pattern left alone", `-join [regex]::Matches('cba','\w','RightToLeft')`, `-join [regex]::Matches('cba','\w','RightToLeft')`, false},
		{"string cast of a literal", `'a'.Replace('x',[string]'"')`, `'a'.Replace('x','"')`, true},
		{"cast binds looser than member", `[string]'ab'.Length`, `[string]'ab'.Length`, false},
	})
}

func TestPSIndexLength(t *testing.T) {
	runTransformTable(t, PSIndex, []transformCase{
		{"length of a literal", `('abc').Length`, `3`, true},
		{"reverse by length", `-join ('abc')[ - 1.. - (('abc').LenGTh )]`, `-join ('c','b','a')`, true},
		{"length is UTF-16 units", `'😀'.length`, `2`, true},
		{"length method-like name left", `'abc'.LengthX`, `'abc'.LengthX`, false},
	})
}

func TestPSVariablesInlineLong(t *testing.T) {
	long := "0123456789012345678901234567890123456789012345678901234567890123456789"
	runTransformTable(t, PSVariables, []transformCase{
		{"long value indexed by its own length is inlined and the assignment dropped",
			"$v = '" + long + "'; -join ($v)[-1..-($v.Length)]",
			"-join ('" + long + "')[-1..-('" + long + "'.Length)]", true},
		{"long value indexed by a variable stays", "$v = '" + long + "'; $v[$i]", "$v = '" + long + "'; $v[$i]", false},
	})
}

func FuzzPSSetVariable(f *testing.F) {
	fuzzTransform(f, PSSetVariable, `Set-Variable -Name a -Value ('x')`, `sv 'a' $b`, `sv a (`)
}
func FuzzPSGetVariable(f *testing.F) {
	fuzzTransform(f, PSGetVariable, `(Get-Variable x -ValueOnly)`, `(gv ('x')).Value`)
}

func BenchmarkPSSetVariable(b *testing.B) {
	benchTransform(b, PSSetVariable, `Set-Variable -Name wc -Value (New-Object Net.WebClient);$wc.DownloadString('http://x/')`)
}
