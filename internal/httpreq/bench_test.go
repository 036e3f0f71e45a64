package httpreq

import (
	"strings"
	"testing"
)

func BenchmarkParseJSON(b *testing.B) {
	line := []byte(`{"timestamp":"2024-05-01T10:00:00Z","method":"GET","path":"/products","query":{"search":"blue mug","page":"2"},"statusCode":200,"source":{"remoteAddress":"10.0.0.9"},"headers":{"user-agent":"Mozilla/5.0"}}`)
	lim := DefaultLimits()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseJSON(line, lim); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseCLF(b *testing.B) {
	line := `203.0.113.7 - - [10/Oct/2024:13:55:36 +0000] "GET /search?q=blue+mug&page=2 HTTP/1.1" 200 512 "https://ref.example/" "Mozilla/5.0 (X11; Linux x86_64)"`
	lim := DefaultLimits()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseCLF(line, lim); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRawReader(b *testing.B) {
	req := "POST http://shop.example/login HTTP/1.1\r\nHost: shop.example\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 19\r\n\r\nuser=ana&pwd=secret\r\n\r\n"
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NewRawReader(strings.NewReader(req), DefaultLimits()).Next(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseJSONVigilShape(b *testing.B) {
	line := []byte(`{"method":"GET","path":"/tienda1/publico/anadir.jsp","query":"id=2&nombre=Jam%F3n+Ib%E9rico&precio=85&cantidad=49&B1=A%F1adir+al+carrito","body":""}`)
	lim := DefaultLimits()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseJSON(line, lim); err != nil {
			b.Fatal(err)
		}
	}
}
