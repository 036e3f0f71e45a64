package detect

import (
	"testing"

	"github.com/vigilsec/vigil/internal/httpreq"
)

var benchRequests = map[string]*httpreq.Request{
	"normal": {Method: "GET", Path: "/shop/item.jsp", Query: "id=2&name=Blue+Mug&price=85&qty=3&B1=Add+to+cart"},
	"attack": {Method: "GET", Path: "/shop/item.jsp", Query: "id=2&name=Blue+Mug&price=85&qty=%27%3B+DROP+TABLE+users%3B+--&B1=Add+to+cart"},
}

func BenchmarkScan(b *testing.B) {
	d := newShipped(b)
	for name, r := range benchRequests {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := d.Scan(r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
