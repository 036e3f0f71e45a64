package deobfuscate

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"encoding/base64"
	"strings"
	"testing"
)

// psencDeflate64 is Base64 of raw DEFLATE (or gzip) data holding b.
func psencDeflate64(b []byte, gz bool) string {
	var buf bytes.Buffer
	if gz {
		w := gzip.NewWriter(&buf)
		w.Write(b)
		w.Close()
	} else {
		w, _ := flate.NewWriter(&buf, flate.BestCompression)
		w.Write(b)
		w.Close()
	}
	return base64.StdEncoding.EncodeToString(buf.Bytes())
}

func psencCompressedCases() []transformCase {
	s := psencScript
	deflate := psencLaunch(`(New-Object IO.StreamReader((New-Object IO.Compression.DeflateStream([IO.MemoryStream][Convert]::FromBase64String('` +
		psencDeflate64([]byte(s), false) + `'),[IO.Compression.CompressionMode]::Decompress)),[Text.Encoding]::ASCII)).ReadToEnd() | .( $PSHome[21]+$PSHome[30]+'x')`)
	gzipUni := psencLaunch(`iex (New-Object IO.StreamReader((New-Object IO.Compression.GZipStream([IO.MemoryStream][Convert]::FromBase64String("` +
		psencDeflate64(psencUTF16LE(s), true) + `"),[IO.Compression.CompressionMode]::Decompress)),[Text.Encoding]::Unicode)).ReadToEnd()`)
	pipe := psencLaunch(`& ( $VerbosePreference.ToString()[1,3]+'x'-join'')( New-Object IO.Compression.DeflateStream( [IO.MemoryStream] [Convert]::FromBase64String( '` +
		psencDeflate64([]byte("whoami"), false) + `' ),[IO.Compression.CompressionMode]::Decompress)|% {New-Object IO.StreamReader( $_,[Text.Encoding]::ASCII) }).ReadToEnd()`)
	bomb := `iex (New-Object IO.StreamReader((New-Object IO.Compression.DeflateStream([IO.MemoryStream][Convert]::FromBase64String('` +
		psencDeflate64(bytes.Repeat([]byte("A"), 4<<20), false) + `'),[IO.Compression.CompressionMode]::Decompress)))).ReadToEnd()`
	noInvoke := `$s = New-Object IO.Compression.DeflateStream([IO.MemoryStream][Convert]::FromBase64String('` + psencDeflate64([]byte(s), false) + `'), 'Decompress')`
	notDeflate := `iex (New-Object IO.Compression.DeflateStream([IO.MemoryStream][Convert]::FromBase64String('d2hvYW1p'), 'Decompress'))`
	return []transformCase{
		{"deflate, ascii reader", deflate, s, true},
		{"gzip, unicode reader", gzipUni, s, true},
		{"reader built in a pipeline", pipe, "whoami", true},
		{"decompression bomb is refused", bomb, bomb, false},
		{"no invoke builder is left alone", noInvoke, noInvoke, false},
		{"blob that is not deflate data", notDeflate, notDeflate, false},
		{"plain command", "Compress-Archive -Path x -DestinationPath y.zip", "Compress-Archive -Path x -DestinationPath y.zip", false},
	}
}

func TestPSEncCompressed(t *testing.T) { runTransformTable(t, PSEncCompressed, psencCompressedCases()) }

func FuzzPSEncCompressed(f *testing.F) {
	var seeds []string
	for _, tc := range psencCompressedCases() {
		if len(tc.in) < 64<<10 {
			seeds = append(seeds, tc.in)
		}
	}
	fuzzTransform(f, PSEncCompressed, seeds...)
}

func BenchmarkPSEncCompressed(b *testing.B) {
	in := psencLaunch(`iex (New-Object IO.StreamReader((New-Object IO.Compression.DeflateStream([IO.MemoryStream][Convert]::FromBase64String('` +
		psencDeflate64([]byte(strings.Repeat(psencScript, 10)), false) + `'),[IO.Compression.CompressionMode]::Decompress)),[Text.Encoding]::ASCII)).ReadToEnd()`)
	benchTransform(b, PSEncCompressed, in)
}
