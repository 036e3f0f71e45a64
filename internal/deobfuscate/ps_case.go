package deobfuscate

import "strings"

func init() {
	register(55, Transform{Name: "ps_case", Lang: "powershell", Fn: PSCase})
	cosmetic["ps_case"] = true
}

// psCanonicalWords are well-known PowerShell cmdlets, aliases, parameters
// and .NET members in their canonical spelling.
var psCanonicalWords = strings.Fields(`
New-Object Invoke-Expression Invoke-WebRequest Invoke-RestMethod Invoke-Command Invoke-Item
Start-Process Start-Sleep Start-Job Start-BitsTransfer Get-Content Set-Content Add-Content Out-File
Get-ChildItem Get-Item Set-Item Remove-Item Copy-Item Move-Item New-Item Get-Process Stop-Process
Get-Service Get-WmiObject Get-CimInstance Invoke-WmiMethod Invoke-CimMethod Set-ExecutionPolicy
Set-MpPreference Add-MpPreference Add-Type Import-Module Get-Variable Set-Variable Get-Command
Write-Host Write-Output ForEach-Object Where-Object Select-Object Out-Null Out-String
ConvertTo-SecureString ConvertFrom-SecureString Test-Path Get-ItemProperty Set-ItemProperty
New-ItemProperty Register-ScheduledTask New-ScheduledTaskAction New-ScheduledTaskTrigger
Add-LocalGroupMember New-LocalUser Get-WinEvent Clear-EventLog Compress-Archive Expand-Archive
Get-Credential New-PSSession Enter-PSSession Invoke-Shellcode Invoke-Mimikatz Split-Path Join-Path
Get-Random Set-Alias New-Alias Get-Member Read-Host Get-Host Get-Date Start-Transcript
iex iwr irm icm gwmi saps ipmo sal gci
WebClient DownloadString DownloadFile DownloadData UploadString UploadFile OpenRead Headers Proxy
Credentials DefaultNetworkCredentials CredentialCache WebRequest GetResponse GetResponseStream
Encoding UTF8 Unicode ASCII GetString GetBytes Convert FromBase64String ToBase64String
MemoryStream StreamReader Compression DeflateStream GZipStream CompressionMode Decompress ReadToEnd
Reflection Assembly Load LoadFile LoadWithPartialName EntryPoint Invoke InteropServices Marshal
Management Automation AmsiUtils amsiInitFailed GetField GetMethod SetValue GetValue NonPublic
BindingFlags Diagnostics ProcessStartInfo ScriptBlock InvokeCommand NewScriptBlock ExecutionContext
SessionState InvokeScript ToCharArray Reverse Replace Split Substring ToString ToInt32 ToByte
Environment GetEnvironmentVariable SetEnvironmentVariable Cryptography WindowsIdentity GetCurrent
TcpClient GetStream Sockets NetworkStream StreamWriter
Hidden Bypass NoProfile NonInteractive WindowStyle ExecutionPolicy EncodedCommand NoLogo NoExit
function param foreach while return throw
`)

// psOperators are the operator names that follow '-' (always lower case).
var psOperators = strings.Fields(`join split replace creplace ireplace bxor band bor bnot f eq ne
like notlike match notmatch and or not as is isnot in notin contains notcontains`)

var (
	psCanonical = wordTable(psCanonicalWords)
	psOperator  = wordTable(psOperators)
)

func wordTable(words []string) map[string]string {
	m := make(map[string]string, len(words))
	for _, w := range words {
		m[strings.ToLower(w)] = w
	}
	return m
}

// PSCase normalises randomly cased identifiers: a mixed-case token whose
// lower-case form is a well-known cmdlet, operator or .NET member gets its
// canonical spelling (NeW-ObJeCt -> New-Object, -JoIn -> -join). Tokens
// written all in one case are left alone.
func PSCase(in string) (string, bool) {
	var b strings.Builder
	last := 0
	for i := 0; i < len(in); {
		if !isLetter(in[i]) || (i > 0 && (isWordByte(in[i-1]) || in[i-1] == '$')) {
			i++
			continue
		}
		e := tokenEnd(in, i)
		tok := in[i:e]
		if repl, ok := canonicalCase(tok, i > 0 && in[i-1] == '-'); ok {
			b.WriteString(in[last:i])
			b.WriteString(repl)
			last = e
		}
		i = e
	}
	if last == 0 {
		return in, false
	}
	b.WriteString(in[last:])
	return psResult(in, b.String())
}

// tokenEnd returns the end of the word (letters, digits, _ and inner
// hyphens) starting at s[i].
func tokenEnd(s string, i int) int {
	for i < len(s) && (isWordByte(s[i]) || s[i] == '-' && i+1 < len(s) && isLetter(s[i+1])) {
		i++
	}
	return i
}

// canonicalCase returns the canonical spelling of a mixed-case token.
func canonicalCase(tok string, afterDash bool) (string, bool) {
	if !mixedCase(tok) {
		return "", false
	}
	lower := strings.ToLower(tok)
	c, ok := psOperator[lower]
	if !ok || !afterDash {
		c, ok = psCanonical[lower]
	}
	return c, ok && c != tok
}

func mixedCase(s string) bool {
	up, low := false, false
	for i := 0; i < len(s); i++ {
		up = up || (s[i] >= 'A' && s[i] <= 'Z')
		low = low || (s[i] >= 'a' && s[i] <= 'z')
	}
	return up && low
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
