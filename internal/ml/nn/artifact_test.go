package nn

import (
	"bytes"
	"math"
	"slices"
	"testing"

	"github.com/vigilsec/vigil/internal/ml/artifact"
)

var classNames = []string{"benign", "suspicious", "malicious"}

// roundTrip saves a and loads it back through the artifact format.
func roundTrip(t *testing.T, a *artifact.Artifact) *artifact.Artifact {
	t.Helper()
	var buf bytes.Buffer
	if err := artifact.Save(&buf, a); err != nil {
		t.Fatal(err)
	}
	got, err := artifact.Load(&buf, "schema")
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestArtifactRoundTripGivesIdenticalLogits(t *testing.T) {
	archs := map[string]Arch{
		"default":           DefaultArch(),
		"one wide bank":     {MaxLen: 20, Embed: 3, Widths: []int{9}, Filters: 5, Hidden: 4},
		"repeated widths":   {MaxLen: 50, Embed: 6, Widths: []int{3, 3, 1}, Filters: 8, Hidden: 8},
		"one byte at most":  {MaxLen: 1, Embed: 2, Widths: []int{1}, Filters: 1, Hidden: 1},
		"widest allowed":    {MaxLen: 30, Embed: 2, Widths: []int{16}, Filters: 4, Hidden: 2},
		"many small layers": {MaxLen: 64, Embed: 4, Widths: []int{1, 2, 3, 4, 5, 6, 7, 8}, Filters: 3, Hidden: 5},
	}
	inputs := []string{"", "x", "cmd.exe /c whoami", "\xff\x00evil\x80", string(make([]byte, 300))}
	for name, arch := range archs {
		t.Run(name, func(t *testing.T) {
			m := randomModel(t, arch, 3, 9)
			m.Temperature = 1.7
			got, err := FromArtifact(roundTrip(t, m.Artifact("schema", classNames)))
			if err != nil {
				t.Fatal(err)
			}
			if got.Temperature != m.Temperature || !slices.Equal(got.Arch.Widths, arch.Widths) {
				t.Errorf("temperature %v, widths %v", got.Temperature, got.Arch.Widths)
			}
			for _, s := range inputs {
				want, have := m.Proba(s, make([]float32, 3)), got.Proba(s, make([]float32, 3))
				if !slices.Equal(want, have) {
					t.Errorf("%q: probabilities %v after round trip, %v before", s, have, want)
				}
			}
		})
	}
}

func TestFromArtifactRejects(t *testing.T) {
	cases := map[string]func(a *artifact.Artifact){
		"another kind":             func(a *artifact.Artifact) { a.Kind = "linear.softmax" },
		"one class":                func(a *artifact.Artifact) { a.Classes = a.Classes[:1] },
		"more classes than logits": func(a *artifact.Artifact) { a.Classes = append(a.Classes, "extra") },
		"missing metadata":         func(a *artifact.Artifact) { delete(a.Metadata, metaFilters) },
		"non-numeric metadata":     func(a *artifact.Artifact) { a.Metadata[metaEmbed] = "24x" },
		"widths disagree":          func(a *artifact.Artifact) { a.Metadata[metaWidths] = "2,3,4" },
		"width over the limit":     func(a *artifact.Artifact) { a.Metadata[metaWidths] = "2,3,99" },
		"empty widths":             func(a *artifact.Artifact) { a.Metadata[metaWidths] = "" },
		"too many widths":          func(a *artifact.Artifact) { a.Metadata[metaWidths] = "1,1,1,1,1,1,1,1,1" },
		"huge filter count":        func(a *artifact.Artifact) { a.Metadata[metaFilters] = "1000000000" },
		"embedding shape differs":  func(a *artifact.Artifact) { a.Metadata[metaEmbed] = "23" },
		"missing tensor":           func(a *artifact.Artifact) { a.Tensors = a.Tensors[1:] },
		"transposed kernel":        func(a *artifact.Artifact) { tensor(a, "hidden.kernel").Shape = []int{64, 192} },
		"float64 weights": func(a *artifact.Artifact) {
			x := tensor(a, "out.bias")
			x.F64, x.F32 = make([]float64, len(x.F32)), nil
		},
		"a NaN weight":     func(a *artifact.Artifact) { tensor(a, "conv1.kernel").F32[7] = float32(math.NaN()) },
		"zero temperature": func(a *artifact.Artifact) { tensor(a, "temperature").F32 = []float32{0} },
	}
	for name, mutate := range cases {
		t.Run(name, func(t *testing.T) {
			a := roundTrip(t, randomModel(t, DefaultArch(), 3, 1).Artifact("schema", classNames))
			mutate(a)
			m, err := FromArtifact(a)
			if err == nil {
				t.Fatalf("accepted: %+v", m.Arch)
			}
			t.Log(err)
		})
	}
}

func tensor(a *artifact.Artifact, name string) *artifact.Tensor {
	x, err := a.Tensor(name)
	if err != nil {
		panic(err)
	}
	return x
}
