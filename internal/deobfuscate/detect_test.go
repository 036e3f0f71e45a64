package deobfuscate

import (
	"slices"
	"strings"
	"testing"
)

func TestIndicators(t *testing.T) {
	tests := []struct {
		in   string
		want string // one indicator that must be present; "" means none at all
	}{
		{"ls -la /tmp", ""},
		{"git commit -m 'fix' && git push", ""},
		{"[ChAr]72+[char]105", "char_cast"},
		{"echo aGk= | base64 -d", "base64"},
		{"$x.Reverse(", "reverse"},
		{"'a'+  'b'", "concat"},
		{"$averyverylongname = 1", "long_variable"},
		{`printf '\x41'`, "hex_escape"},
		{"powershell -EncodedCommand dwBoAG8AYQBtAGkAIAAvAGEAbABsAA==", "encoded_command"},
		{"powershell -enc   dwBoAG8AYQBtAGkAIAAvAGEAbABsAA==", "encoded_command"},
		{`"{1}{0}" -f 'x','ie'`, "format_operator"},
		{"-join ('a','b')", "join"},
		{"'abc'.Replace('a','b')", "replace"},
		{"I`nvoke-Ex`pression", "backtick"},
		{"$b -bxor 0x1f", "bxor"},
		{"New-Object IO.Compression.DeflateStream", "compression"},
		{"c^m^d /c whoami", "caret"},
		{"%COMSPEC:~-7,1%", "cmd_substring"},
		{"cmd /V:ON /C echo !x!", "delayed_expansion"},
		{`$'\x77hoami'`, "ansi_c_string"},
		{"cat${IFS}/etc/passwd", "ifs"},
		{`w'h'o"am"i`, "split_word"},
		{"echo 77686f616d69 | xxd -r -p", "hex_decode"},
		{"d2hvYW1pIC9hbGw=", "bare_base64"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got := Indicators(tc.in)
			if tc.want == "" {
				if len(got) != 0 {
					t.Fatalf("got %v, want none", got)
				}
				return
			}
			if !slices.Contains(got, tc.want) {
				t.Fatalf("got %v, want %q", got, tc.want)
			}
		})
	}
}

func FuzzIndicators(f *testing.F) {
	f.Add("powershell -enc dwBoAG8AYQBtAGkA")
	f.Add(`w'h'o"am"i $'\x41' "{0}" -f 'a'`)
	f.Fuzz(func(t *testing.T, in string) { Indicators(in) })
}

func BenchmarkIndicators(b *testing.B) {
	in := strings.Repeat("find /var/log -type f -name '*.log' | xargs grep -i error > /tmp/e.txt; ", 3)
	b.ReportAllocs()
	for b.Loop() {
		Indicators(in)
	}
}
