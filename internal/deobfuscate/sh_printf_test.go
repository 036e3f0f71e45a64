package deobfuscate

import "testing"

func TestShPrintf(t *testing.T) {
	runTransformTable(t, ShPrintf, []transformCase{
		{"hex in substitution", `$(printf '\x77\x68\x6f\x61\x6d\x69')`, `whoami`, true},
		{"octal in backticks", "`printf '\\143\\141\\164'` /etc/passwd", `cat /etc/passwd`, true},
		{"echo -e", `$(echo -e '\x69\x64')`, `id`, true},
		{"piped to sh", `printf '\x63\x61\x74 /etc/passwd' | sh`, `printf 'cat /etc/passwd' | sh`, true},
		{"double-quoted format", `$(printf "\x69\x64")`, `id`, true},
		{"inside double quotes", `echo "$(printf '\x61 b')"`, `echo "a b"`, true},
		{"operator needs quotes", `$(printf '\x3b')`, `';'`, true},
		{"directive left alone", `$(printf '%s' x)`, `$(printf '%s' x)`, false},
		{"plain printf", `printf '%s\n' hello`, `printf '%s\n' hello`, false},
		{"single quoted", `echo '$(printf "\x41")'`, `echo '$(printf "\x41")'`, false},
	})
}

func FuzzShPrintf(f *testing.F) {
	fuzzTransform(f, ShPrintf, `$(printf '\x77')`, "`echo -e '\\0101'`", `printf '\777' | sh`, `$(printf '\u')`)
}

func BenchmarkShPrintf(b *testing.B) {
	benchTransform(b, ShPrintf, `$(printf '\x62\x61\x73\x68') -c "$(printf '\x69\x64')"`)
}
