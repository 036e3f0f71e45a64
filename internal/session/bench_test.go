package session

import (
	"testing"
)

func benchRows() []Features { return rowsOfExamples(Generate(1000, 7)) }

// BenchmarkPredict is one prediction on the shipped model, explanation
// included (target ≤ 20 µs on one core).
func BenchmarkPredict(b *testing.B) {
	d, rows := shipped(b), benchRows()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := d.Predict(rows[i%len(rows)]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPredictBatch scores 1,000 sessions per call (target ≤ 5 µs
// per row on one core).
func BenchmarkPredictBatch(b *testing.B) {
	d, rows := shipped(b), benchRows()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := d.PredictBatch(rows); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(rows))/1e3, "µs/row")
}

func BenchmarkDecodeFeatures(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DecodeFeatures([]byte(validJSON)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseCLF(b *testing.B) {
	line := `203.0.113.9 - - [01/Mar/2026:10:00:05 +0000] "GET /products?id=1 HTTP/1.1" 200 512 "-" "Mozilla/5.0"`
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseCLF(line); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLooksLikeSQL(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		LooksLikeSQL("id=1%27%20OR%20%271%27%3D%271&page=2&sort=price")
	}
}
