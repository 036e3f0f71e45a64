package charlm

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/vigilsec/vigil/internal/ml/artifact"
)

func normalSet() []string {
	var out []string
	for i := range 400 {
		out = append(out, fmt.Sprintf("GET /shop/item?id=%d&name=item%d&qty=%d", i, i*7, i%9))
	}
	return out
}

func TestScoresAnomaliesHigher(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Bits = 14
	m, err := Train(normalSet(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	normal := m.Score("GET /shop/item?id=77&name=item3&qty=2")
	attack := m.Score("GET /shop/item?id=1'+union+select+password+from+users--&qty=2")
	if !(attack > normal) {
		t.Errorf("attack %.2f bits not above normal %.2f", attack, normal)
	}
	if p := m.Percentile(attack); p < 0.99 {
		t.Errorf("attack percentile %.3f, want ≥ 0.99", p)
	}
	if p := m.Percentile(normal); p > 0.99 {
		t.Errorf("normal percentile %.3f", p)
	}
	if m.Score("") <= 0 {
		t.Error("empty string should still score (markers)")
	}
}

func TestArtifactRoundTrip(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Bits = 10
	m, err := Train(normalSet(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := artifact.Save(&buf, m.Artifact("h")); err != nil {
		t.Fatal(err)
	}
	a, err := artifact.Load(&buf, "h")
	if err != nil {
		t.Fatal(err)
	}
	m2, err := FromArtifact(a)
	if err != nil {
		t.Fatal(err)
	}
	s := "GET /x?y=<script>"
	if m.Score(s) != m2.Score(s) || m.Percentile(m.Score(s)) != m2.Percentile(m2.Score(s)) {
		t.Error("loaded model scores differently")
	}
	a.Metadata["bits"] = "40"
	if _, err := FromArtifact(a); err == nil {
		t.Error("bits 40 accepted")
	}
}

func TestConfigValidation(t *testing.T) {
	for _, c := range []Config{{Order: 1, Bits: 10, Alpha: 1, Window: 1, MaxInput: 1}, {Order: 3, Bits: 30, Alpha: 1, Window: 1, MaxInput: 1}, {Order: 3, Bits: 10, Window: 1, MaxInput: 1}} {
		if _, err := Train([]string{"a"}, c); err == nil {
			t.Errorf("%+v accepted", c)
		}
	}
}

func FuzzScore(f *testing.F) {
	cfg := DefaultConfig()
	cfg.Bits = 10
	m, _ := Train(normalSet(), cfg)
	f.Add("GET /x")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		sc := m.Score(s)
		p := m.Percentile(sc)
		if sc < 0 || p < 0 || p > 1 || sc != sc {
			t.Fatalf("score %v percentile %v", sc, p)
		}
	})
}

func BenchmarkScore(b *testing.B) {
	m, _ := Train(normalSet(), DefaultConfig())
	s := "GET /tienda1/publico/anadir.jsp?id=2&nombre=Jam%F3n+Ib%E9rico&precio=85&cantidad=49&B1=A%F1adir+al+carrito"
	b.ReportAllocs()
	for b.Loop() {
		m.Score(s)
	}
}
