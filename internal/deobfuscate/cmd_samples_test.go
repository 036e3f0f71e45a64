package deobfuscate

import "testing"

func TestCmdSamples(t *testing.T) {
	runSamples(t, []transformCase{
		{"caret launcher", `c^m^d /c "p^o^w^e^r^s^h^e^l^l -nop -w hidden -c calc"`, `cmd /c "powershell -nop -w hidden -c calc"`, true},
		{"set and call", `cmd /c "set a=pow&&set b=ershell&&call %a%%b% -nop -c whoami"`,
			`cmd /c "set a=pow&&set b=ershell&&call powershell -nop -c whoami"`, true},
		{"substrings of well-known variables",
			`%ProgramData:~3,1%%ProgramData:~5,1%w%PUBLIC:~5,1%r%PUBLIC:~4,1%h%COMSPEC:~-1%ll -nop -c iex`,
			`Powershell -nop -c iex`, true},
		{"carets, quotes and sets",
			`cmd.exe /c "s^e^t "p=p"o"wer" && s^et "s=sh^ell" && call %p%%s% -nop"`,
			`cmd.exe /c "set "p=power" && set "s=shell" && call powershell -nop"`, true},
		{"delayed expansion",
			`cmd /V:ON /C "set x=llehsrewop&&set y=!x:~-5!&&set z=!x:~0,5!&&echo !y!!z!"`,
			`cmd /V:ON /C "set x=llehsrewop&&set y=rewop&&set z=llehs&&echo rewopllehs"`, true},
		{"substitution", `cmd /c "set c=cXXd&&call %c:XX=m% /c whoami"`, `cmd /c "set c=cXXd&&call cmd /c whoami"`, true},
		{"quotes inside the program name", `cmd /c p"o"wer"sh"ell.exe -c "Get-Process"`, `cmd /c powershell.exe -c "Get-Process"`, true},
	})
}

func TestCmdBenignUnchanged(t *testing.T) {
	var cases []transformCase
	for _, in := range []string{
		`dir "C:\Program Files"`,
		`FOR %i IN (*.txt) DO type %i`,
		`cmd /c echo a^&b`,
		`copy C:\Windows\System32\drivers\etc\hosts C:\temp\hosts.bak`,
		`findstr /r "^abc" x.txt`,
		`echo %USERNAME% %1`,
		`ping -n 1 127.0.0.1 > nul && echo ok!`,
		`net user administrator /active:yes`,
	} {
		cases = append(cases, transformCase{name: in, in: in, want: in})
	}
	runSamples(t, cases)
}

func BenchmarkRunCmdObfuscated(b *testing.B) {
	in := `c^m^d /V:ON /C "set x=llehsrewop&&set y=!x:~-5!&&s^et z=!x:~0,5!&&call %COMSPEC:~-7,3% /c !y!!z! -nop"`
	b.ReportAllocs()
	for b.Loop() {
		Run(in)
	}
}

func BenchmarkRunCmdBenign(b *testing.B) {
	in := `robocopy "C:\Users\Public\Documents" "D:\Backup\Documents" /MIR /R:2 /W:5 /LOG:"D:\Backup\robocopy.log" && echo done`
	b.ReportAllocs()
	for b.Loop() {
		Run(in)
	}
}
