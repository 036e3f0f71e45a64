package evaluate

import (
	"path/filepath"
	"testing"

	"github.com/vigilsec/vigil/internal/deobfuscate"
)

func TestPowerShellPairs(t *testing.T) {
	rep, err := PowerShellPairs(filepath.Join("testdata", "powershell_scripts.jsonl"), deobfuscate.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	if rep.Rows != 2 || rep.Skipped != 1 {
		t.Fatalf("rows %d skipped %d, want 2 and 1 (one original is missing)", rep.Rows, rep.Skipped)
	}
	if rep.Mean != 1 || rep.Exact != 2 {
		t.Errorf("mean %v exact %d, want both pairs recovered", rep.Mean, rep.Exact)
	}
	if rep.Baseline >= rep.Mean {
		t.Errorf("baseline %v should be below the mean %v", rep.Baseline, rep.Mean)
	}
	want := map[string]int{"encodedasciicommand": 1, "obfuscatedast": 1}
	if len(rep.Groups) != len(want) {
		t.Fatalf("groups %+v", rep.Groups)
	}
	for _, g := range rep.Groups {
		if want[g.Name] != g.Rows || g.Mean != 1 {
			t.Errorf("group %+v", g)
		}
	}
	if rep.Groups[1].Baseline != 1 {
		t.Errorf("an unobfuscated pair has baseline 1, got %v", rep.Groups[1].Baseline)
	}
}

func TestPowerShellPairsMissingFile(t *testing.T) {
	if _, err := PowerShellPairs(filepath.Join("testdata", "absent.jsonl"), deobfuscate.DefaultLimits()); err == nil {
		t.Fatal("want an error for a missing file")
	}
}

func TestUnitFortyTwo(t *testing.T) {
	rep, err := UnitFortyTwo(filepath.Join("testdata", "commands.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Rows != 3 || rep.Skipped != 1 {
		t.Fatalf("rows %d skipped %d, want 3 unit42 lines with a blob and 1 without", rep.Rows, rep.Skipped)
	}
	if rep.Exact < 2 {
		t.Errorf("exact %d, want at least the two complete blobs", rep.Exact)
	}
	if rep.ExactShare != float64(rep.Exact)/3 {
		t.Errorf("share %v", rep.ExactShare)
	}
}

func TestExpectedScript(t *testing.T) {
	for _, tc := range []struct {
		name, cmd, want string
		ok              bool
	}{
		{"-enc", "powershell -nop -enc dwBoAG8AYQBtAGkAIAAvAGEAbABsAA==", "whoami /all", true},
		{"-EncodedCommand", "powershell.exe -EncodedCommand ZABpAHIA", "dir", true},
		{"-ec alias", "powershell -ec ZABpAHIA", "dir", true},
		{"-e", "powershell -e ZABpAHIA", "dir", true},
		{"-ExecutionPolicy is not it", "powershell -ExecutionPolicy ZABpAHIA", "", false},
		{"truncated to a multiple of four", "powershell -enc RwBlAHQALQBQAHIAbwBjAGUAcwBzA", "Get-Proces", true},
		{"no blob", "powershell -nop", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := expectedScript(tc.cmd)
			if got != tc.want || ok != tc.ok {
				t.Errorf("got %q %v, want %q %v", got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestTechnique(t *testing.T) {
	if got := technique([]string{"dir/abc-obf-out-encodedhexcommand.ps1"}); got != "encodedhexcommand" {
		t.Errorf("got %q", got)
	}
	if got := technique([]string{"abc.ps1"}); got != "unknown" {
		t.Errorf("got %q", got)
	}
}
