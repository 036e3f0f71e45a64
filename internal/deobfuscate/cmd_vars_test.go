package deobfuscate

import "testing"

func TestCmdPercentVars(t *testing.T) {
	runTransformTable(t, CmdPercentVars, []transformCase{
		{"set then use", `set x=powershell&& %x% -nop`, `set x=powershell&& powershell -nop`, true},
		{"trailing space is part of the value", `set x=abc & echo %x%.`, `set x=abc & echo abc .`, true},
		{"quoted set", `set "p=power"&set "s=shell"&call %p%%s%`, `set "p=power"&set "s=shell"&call powershell`, true},
		{"quoted set guards separators", `set "x=a&b"&echo %x%`, `set "x=a&b"&echo a&b`, true},
		{"comspec substrings", `%COMSPEC:~-7,1%%comspec:~4,1%%ComSpec:~-11,1%`, `cim`, true},
		{"powershell from well-known vars", `%ProgramData:~3,1%%ProgramData:~5,1%w%PUBLIC:~5,1%r%PUBLIC:~4,1%h%COMSPEC:~-1%ll -nop`, `Powershell -nop`, true},
		{"substring without length", `%windir:~3%`, `Windows`, true},
		{"negative length", `%windir:~0,-5%`, `C:\Wi`, true},
		{"out of range is empty", `[%windir:~40%]`, `[]`, true},
		{"substitution", `set a=pXwershell&& %a:X=o%`, `set a=pXwershell&& powershell`, true},
		{"substitution is case-insensitive", `%windir:WINDOWS=x%`, `C:\x`, true},
		{"star substitution", `set a=junk-cmd&& %a:*-=%`, `set a=junk-cmd&& cmd`, true},
		{"partial value suffix", `%TEMP:~-4%`, `Temp`, true},
		{"partial value unknown part", `%TEMP%`, `%TEMP%`, false},
		{"partial value prefix", `%APPDATA:~0,3%`, `C:\`, true},
		{"unknown variable kept", `echo %FOO% %1`, `echo %FOO% %1`, false},
		{"use before set is not expanded", `echo %y% & set y=1`, `echo %y% & set y=1`, false},
		{"set /a makes it unknown", `set x=1& set /a x=x+1& echo %x%`, `set x=1& set /a x=x+1& echo %x%`, false},
		{"for loop variable", `FOR %i IN (*.txt) DO type %i`, `FOR %i IN (*.txt) DO type %i`, false},
		{"date format", `date +%Y-%m-%d`, `date +%Y-%m-%d`, false},
		{"inside cmd /c quotes", `cmd /c "set a=who&&call %a%ami"`, `cmd /c "set a=who&&call whoami"`, true},
	})
}

func TestCmdDelayedVars(t *testing.T) {
	runTransformTable(t, CmdDelayedVars, []transformCase{
		{"cmd /V:ON", `cmd /V:ON /C "set x=calc&&!x!"`, `cmd /V:ON /C "set x=calc&&calc"`, true},
		{"substring", `cmd /v /c "set s=xxpowershellyy&&!s:~2,10! -nop"`, `cmd /v /c "set s=xxpowershellyy&&powershell -nop"`, true},
		{"substitution", `cmd /V:ON /C "set s=wQoami&&!s:Q=h!"`, `cmd /V:ON /C "set s=wQoami&&whoami"`, true},
		{"well-known var", `cmd /V:ON /C "echo !COMSPEC:~-7,3!"`, `cmd /V:ON /C "echo cmd"`, true},
		{"not enabled", `cmd /C "set x=calc&&!x!"`, `cmd /C "set x=calc&&!x!"`, false},
		{"exclamation marks in text", `echo hi! there!`, `echo hi! there!`, false},
	})
}

func FuzzCmdPercentVars(f *testing.F) {
	fuzzTransform(f, CmdPercentVars, `set x=abc&&%x%`, `%COMSPEC:~-7,1%`, `set "a=%a%%a%"&%a%`, `%windir:*=%`, `%a:~-99999999999,1%`)
}

func FuzzCmdDelayedVars(f *testing.F) {
	fuzzTransform(f, CmdDelayedVars, `cmd /V:ON /C "set x=calc&&!x!"`, `cmd /v /c "!COMSPEC:~0,-1!"`)
}

func BenchmarkCmdPercentVars(b *testing.B) {
	benchTransform(b, CmdPercentVars, `cmd /c "set a=pow&&set b=ershell&&call %a%%b% -nop -c %COMSPEC:~-7,3%"`)
}

func BenchmarkCmdDelayedVars(b *testing.B) {
	benchTransform(b, CmdDelayedVars, `cmd /V:ON /C "set s=xxpowershellyy&&!s:~2,10! -nop -w hidden"`)
}

func TestCmdExpansionBomb(t *testing.T) {
	in := `set a=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`
	for range 30 {
		in += `&set a=%a%%a%`
	}
	out, changed := CmdPercentVars(in)
	if changed && !bounded(in, out) {
		t.Fatalf("unbounded output: %d bytes", len(out))
	}
}
