package normalize

import (
	"testing"

	"github.com/vigilsec/vigil/internal/httpreq"
)

func BenchmarkRequest(b *testing.B) {
	r := &httpreq.Request{Method: "GET", Path: "/shop/item.jsp",
		Query: "id=2&name=Blue+Mug&price=85&qty=%27%3B+DROP+TABLE+users%3B+--&B1=Add+to+cart"}
	lim := DefaultLimits()
	b.ReportAllocs()
	for b.Loop() {
		Request(r, lim).Decoded()
	}
}

func BenchmarkTransforms(b *testing.B) {
	in := "q=%3Cscript%3Ealert(%27x%27)%3C%2Fscript%3E&id=1+UnIoN/**/SeLeCt+1"
	for _, tr := range table {
		b.Run(tr.Name, func(b *testing.B) {
			for b.Loop() {
				tr.Fn(in)
			}
		})
	}
}
