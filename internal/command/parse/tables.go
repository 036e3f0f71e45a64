package parse

import "strings"

// Limits. Each bounds the work an adversarial line can cause.
const (
	// MaxInput is the most bytes tokenised; the rest of a longer line is
	// ignored and Command.Truncated is set. Stops multi-megabyte lines
	// from turning one parse into a CPU/memory sink.
	MaxInput = 64 << 10
	// MaxDepth bounds how deep subshells and inline code are parsed again
	// ($(… $(… )), bash -c "bash -c '…'"). Each level rescans its text,
	// so work is at most MaxDepth × len(line): stops nesting bombs.
	MaxDepth = 4
	// maxTokens and maxSubshells bound allocations per level against
	// lines made of thousands of one-byte words or groups.
	maxTokens    = 8192
	maxSubshells = 64
	// maxIndicators bounds each indicator list.
	maxIndicators = 256
)

type set map[string]struct{}

func newSet(words string) set {
	f := strings.Fields(words)
	m := make(set, len(f))
	for _, w := range f {
		m[w] = struct{}{}
	}
	return m
}

func (s set) has(w string) bool { _, ok := s[w]; return ok }

// subcommandExes take their first positional word as a subcommand
// (Genos's list plus the package managers and cloud CLIs users expect).
var subcommandExes = newSet(`docker podman kubectl git reg sc systemctl wmic net net1 aws gcloud az
	vssadmin apt apt-get yum dnf zypper apk pip pip3 npm yarn pnpm go cargo brew helm netsh
	service launchctl snap gem composer terraform ip nmcli firewall-cmd ufw crictl ctr
	openssl gh dotnet winget choco bcdedit auditpol`)

// slashVerbExes take their verb as the first /flag: schtasks /create,
// bitsadmin /transfer. The flag stays in Flags too.
var slashVerbExes = newSet(`schtasks bitsadmin`)

// wrappers run the command that follows them; wrapperValueFlags are their
// flags that take a separate value.
var wrappers = newSet(`sudo doas nohup env time exec xargs nice ionice timeout setsid stdbuf
	command builtin busybox chroot runuser strace ltrace torsocks proxychains proxychains4 & call start`)

var wrapperValueFlags = map[string]set{
	"sudo":    newSet(`-u -g -C -D -h -p -r -t -U --user --group --prompt`),
	"doas":    newSet(`-u -C`),
	"env":     newSet(`-u -C -S --unset --chdir`),
	"xargs":   newSet(`-I -i -n -P -d -E -L -s -a --max-args --max-procs --delimiter --arg-file`),
	"nice":    newSet(`-n --adjustment`),
	"ionice":  newSet(`-c -n -p`),
	"timeout": newSet(`-s -k --signal --kill-after`),
	"stdbuf":  newSet(`-i -o -e`),
	"strace":  newSet(`-o -e -p -s`),
	"runuser": newSet(`-u -g -l`),
}

// interpreters maps an executable to its interpreter family.
var interpreters = map[string]string{
	"python": "python", "python2": "python", "python3": "python", "py": "python", "pythonw": "python",
	"perl": "perl", "ruby": "ruby", "irb": "ruby", "php": "php", "node": "node", "nodejs": "node",
	"deno": "node", "bun": "node", "lua": "lua", "tclsh": "tcl", "wish": "tcl",
	"powershell": "powershell", "pwsh": "powershell", "powershell_ise": "powershell",
	"bash": "bash", "sh": "sh", "zsh": "zsh", "dash": "sh", "ksh": "ksh", "csh": "csh", "tcsh": "csh",
	"fish": "fish", "busybox": "sh", "cmd": "cmd", "cscript": "wscript", "wscript": "wscript",
	"mshta": "mshta", "osascript": "osascript", "awk": "awk", "gawk": "awk", "jrunscript": "java",
}

// inlineFlags introduce code on the command line, per interpreter family.
// PowerShell accepts any unambiguous prefix, handled in isInlineFlag.
var inlineFlags = map[string]set{
	"python": newSet(`-c`), "perl": newSet(`-e -E`), "ruby": newSet(`-e`), "php": newSet(`-r`),
	"node": newSet(`-e -p --eval --print`), "lua": newSet(`-e`), "bash": newSet(`-c`), "sh": newSet(`-c`),
	"zsh": newSet(`-c`), "ksh": newSet(`-c`), "csh": newSet(`-c`), "fish": newSet(`-c --command`),
	"cmd": newSet(`/c /k /r`), "osascript": newSet(`-e`), "java": newSet(`-e`),
}

// lolbins are living-off-the-land binaries (LOLBAS and GTFOBins) whose
// presence is worth a rule's attention on its own.
var lolbins = newSet(`certutil mshta rundll32 regsvr32 bitsadmin msbuild installutil wmic cmstp
	regasm regsvcs msiexec odbcconf mavinject forfiles pcalua scriptrunner syncappvpublishingserver
	hh ieexec infdefaultinstall msdt msxsl presentationhost xwizard wuauclt esentutl expand extrac32
	findstr makecab replace print sc schtasks reg vssadmin wbadmin bcdedit diskshadow ntdsutil
	cscript wscript control cmdkey certreq desktopimgdownldr csc jsc vbc atbroker msconvert
	microsoft.workflow.compiler dnscmd ftp tttracer wsl appinstaller curl wget nc ncat netcat socat
	python python2 python3 perl ruby php lua gdb awk openssl busybox telnet tftp xxd base64`)

// windowsExes and linuxExes decide the platform guess. Cross-platform
// tools (curl, whoami, git, ping ...) are in neither.
var windowsExes = newSet(`ipconfig powershell pwsh powershell_ise cmd certutil mshta reg regedit
	schtasks wmic vssadmin net net1 sc tasklist taskkill systeminfo bitsadmin rundll32 regsvr32
	msiexec cscript wscript bcdedit wbadmin icacls cacls takeown attrib xcopy robocopy del erase
	copy move findstr nltest dsquery dsget netsh wevtutil msbuild installutil cmstp regasm regsvcs
	forfiles mavinject odbcconf esentutl extrac32 hh makecab diskshadow ntdsutil klist qwinsta quser
	runas psexec procdump mimikatz cipher fsutil auditpol gpupdate gpresult cmdkey vaultcmd winrm
	winrs wusa dism sfc sdbinst mountvol vssvc explorer rd rmdir mklink ver setx wevtutil
	net.exe sysmon wmiprvse lsass whoami.exe dcdiag repadmin csvde ldifde nbtstat`)

var linuxExes = newSet(`ls cat grep egrep find tar unzip gzip gunzip bzip2 xz ssh scp sftp rsync docker
	podman systemctl journalctl python3 bash sh zsh dash ksh chmod chown chattr crontab apt apt-get
	yum dnf rpm dpkg zypper apk service useradd usermod userdel groupadd passwd sudo su id uname
	ifconfig ip iptables ip6tables nft ufw mount umount rm cp mv touch ln head tail awk sed xargs
	kill pkill killall ps top nohup setsid nc ncat socat dd chroot insmod modprobe lsmod rmmod ldd
	strace ltrace gcc make vi vim nano less tee which whereis locate df du free lsof ss last getent
	visudo systemd-run shred wipe history export source ldconfig iwconfig crond anacron launchctl
	defaults osascript dscl base64 xxd mkfifo openssl curl-config wall lastlog dmesg sysctl ufw`)

// psVerbs are the approved PowerShell verbs seen in attacks; Verb-Noun
// words with them mark PowerShell.
var psVerbs = newSet(`get set new invoke start stop remove add write out select where foreach
	import export convertto convertfrom test expand compress register unregister enable disable
	clear copy move rename resolve split join measure sort format wait restart read update
	uninstall install find save send receive connect disconnect mount dismount use show hide
	grant revoke block unblock protect unprotect push pop enter exit suspend resume`)

// psAliases are PowerShell aliases that mark the dialect at command start.
var psAliases = newSet(`iex iwr irm icm gci gcm gwmi saps sal ni sv gv`)

// fileExts are file-name extensions: name.ext with one of them is a file,
// never a domain. .com is left out on purpose: it is far more often a TLD.
var fileExts = newSet(`exe dll sys drv ocx cpl scr msi msp bat cmd ps1 psm1 psd1 vbs vbe js jse
	wsf wsh hta lnk inf reg sct xsl chm jar class py pyc pyw pl pm rb php sh bash zsh ksh csh elf
	so ko bin out run deb rpm apk ipa dmg pkg app txt log csv tsv json xml yml yaml ini cfg conf
	config toml md rst doc docx docm xls xlsx xlsm ppt pptx pdf rtf odt zip rar 7z gz tgz bz2 tbz
	xz txz tar cab iso img vhd vhdx vmdk zst lz lzma z arc db sqlite sqlite3 mdb sql bak old tmp
	dat dmp pcap pem key crt cer der pfx p12 csr pub kdbx ovpn sam dit hive evtx etl png jpg jpeg
	gif bmp ico svg mp3 mp4 avi mov wav html htm php5 asp aspx jsp cgi war c h cpp cc hpp go rs
	java cs vb ts tsx jsx lua r swift kt scala pdb lib obj o a mod sum lock env gpg asc sig
	ps psc1 cdxml mui nls aspx ashx asmx`)

// tlds are the generic TLDs accepted for domains outside URLs; any
// two-letter alphabetic label that is not a file extension counts as a
// country code.
var tlds = newSet(`com net org io edu gov mil info biz xyz top online site club app dev cloud
	tech store shop live pro name mobi asia tel travel jobs museum aero coop int arpa onion local
	lan internal corp home example test invalid localhost ninja space website link click download
	zip mov work today life world network host press services systems solutions digital agency
	email support center ltd llc inc company group global media news blog page`)

// remoteTools take user@host as a login target, not an e-mail address.
var remoteTools = newSet(`ssh scp sftp rsync sshpass telnet ftp mosh psexec winrs git plink pscp
	rdesktop xfreerdp evil-winrm smbclient impacket-psexec`)

// portFlags take a port as their value.
var portFlags = newSet(`-p -P --port --lport --rport --dport --sport -port -lport -rport --listen-port`)
