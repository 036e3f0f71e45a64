package loadtest

import (
	"strings"
	"testing"
)

func TestParseMetrics(t *testing.T) {
	text := `# HELP process_resident_memory_bytes Resident memory size in bytes.
# TYPE process_resident_memory_bytes gauge
process_resident_memory_bytes 5.4837248e+07
go_goroutines 17
go_memstats_heap_inuse_bytes{le="x"} 1
vigil_alerts_stored_total 42
vigil_alerts_stored_totalx 7
`
	got, err := parseMetrics(strings.NewReader(text), metricRSS, metricGo, metricHeap, metricStored)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{metricRSS: 54837248, metricGo: 17, metricStored: 42}
	if len(got) != len(want) {
		t.Errorf("got %v, want %v (labelled samples are ignored)", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %v, want %v", k, got[k], v)
		}
	}
}

func samples(rss ...float64) []MemorySample {
	out := make([]MemorySample, len(rss))
	for i, r := range rss {
		out[i] = MemorySample{At: float64(i * 10), RSSBytes: r * (1 << 20)}
	}
	return out
}

func TestMemoryFlatness(t *testing.T) {
	tests := []struct {
		name string
		rss  []float64
		flat *bool
	}{
		{"steady after warm-up is flat", []float64{20, 60, 61, 60, 62, 61, 60, 61, 62, 61}, ptr(true)},
		{"one spike is still flat", []float64{60, 60, 61, 60, 75, 61, 60, 61, 60, 61}, ptr(true)},
		{"a leak grows", []float64{60, 63, 66, 69, 72, 75, 78, 81, 84, 87}, ptr(false)},
		{"too few samples", []float64{60, 61, 62}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := summariseMemory(samples(tt.rss...))
			if (m.Flat == nil) != (tt.flat == nil) || (m.Flat != nil && *m.Flat != *tt.flat) {
				t.Errorf("flat %v, want %v (growth %.1f %%, %+.2f MiB/min)", deref(m.Flat), deref(tt.flat), m.GrowthPct, m.SlopeMiBMin)
			}
		})
	}
}

func ptr(b bool) *bool { return &b }

func deref(b *bool) any {
	if b == nil {
		return nil
	}
	return *b
}
