package detect

import (
	"math"
	"testing"

	"github.com/vigilsec/vigil/internal/httpreq"
)

// FuzzScan feeds arbitrary requests to the shipped detector: it must never
// panic, and every verdict must be well formed.
func FuzzScan(f *testing.F) {
	f.Add("GET", "/a", "q=%27%20OR%201%3D1", "")
	f.Add("POST", "/x/../y", "", `{"a":"\u003cscript\u003e"}`)
	f.Add("", "", "%u0025%c0%af&&&=", "&#x3c;")
	d := newShipped(f)
	f.Fuzz(func(t *testing.T, method, path, query, body string) {
		v, err := d.Scan(&httpreq.Request{Method: method, Path: path, Query: query, Body: body})
		if err != nil {
			return
		}
		if v.Label != "attack" && v.Label != "normal" {
			t.Fatalf("label %q", v.Label)
		}
		for _, x := range []float64{v.Score, v.Anomaly} {
			if math.IsNaN(x) || x < 0 || x > 1 {
				t.Fatalf("score %v anomaly %v", v.Score, v.Anomaly)
			}
		}
		if v.Label == "normal" && v.AttackType != nil {
			t.Fatalf("normal with type %s", *v.AttackType)
		}
	})
}
