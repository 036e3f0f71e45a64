package attack

import "testing"

var sinkTechnique Technique

func BenchmarkLookup(b *testing.B) {
	for _, id := range []string{"T1059.001", "t1059.001", "attack.t1003.001", "T9999", "not-an-id"} {
		b.Run(id, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkTechnique, _ = Lookup(id)
			}
		})
	}
}

func BenchmarkLookupOrParent(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkTechnique, _ = LookupOrParent("T1059.999")
	}
}

func BenchmarkNormalize(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_, _ = Normalize("attack.t1059.001")
	}
}

// BenchmarkParseCatalogue is the one-time cost of the first lookup.
func BenchmarkParseCatalogue(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parse(embedded); err != nil {
			b.Fatal(err)
		}
	}
}
