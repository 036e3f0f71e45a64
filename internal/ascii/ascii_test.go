package ascii

import "testing"

func TestLower(t *testing.T) {
	for in, want := range map[string]string{
		"":              "",
		"abc":           "abc",
		"PowerShell -E": "powershell -e",
		"ÀB\xffC":       "Àb\xffc", // non-ASCII bytes stay, offsets hold
	} {
		if got := Lower(in); got != want || len(got) != len(in) {
			t.Errorf("Lower(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIsLetterAndPrefix(t *testing.T) {
	if !IsLetter('q') || !IsLetter('Q') || IsLetter('1') || IsLetter('@') || IsLetter('[') {
		t.Error("IsLetter")
	}
	if !HasPrefixFold("CMD.exe /c", "cmd") || HasPrefixFold("cm", "cmd") || HasPrefixFold("cmx", "cmd") {
		t.Error("HasPrefixFold")
	}
}
