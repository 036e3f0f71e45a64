package deobfuscate

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"io"
	"regexp"
	"strings"
)

func init() {
	register(22, Transform{Name: "ps_compressed_base64", Lang: "powershell", Fn: PSCompressedBase64})
}

var (
	streamReaderRe = regexp.MustCompile(`(?i)\(\s*new-object\s+(?:system\.)?io\.streamreader\s*\(`)
	readToEndRe    = regexp.MustCompile(`(?i)^\s*\.\s*readtoend\(\s*\)`)
)

// PSCompressedBase64 replaces
// (New-Object IO.StreamReader(New-Object IO.Compression.DeflateStream(
// [IO.MemoryStream][Convert]::FromBase64String('...'), ...))).ReadToEnd()
// (Deflate or Gzip) by the decompressed text as a quoted literal. The blob
// may sit in the expression or in an earlier variable assignment, when it
// is the only one on the line.
func PSCompressedBase64(in string) (string, bool) {
	if !containsFold(in, "frombase64string") || !containsFold(in, "streamreader") ||
		!(containsFold(in, "deflatestream") || containsFold(in, "gzipstream")) {
		return in, false
	}
	loc := streamReaderRe.FindStringIndex(in)
	if loc == nil {
		return in, false
	}
	start := loc[0]
	closeAt := matchParen(in, start)
	if closeAt < 0 {
		return in, false
	}
	tail := readToEndRe.FindStringIndex(in[closeAt+1:])
	if tail == nil {
		return in, false
	}
	end := closeAt + 1 + tail[1]
	text, ok := inflateSpan(in, in[start:end])
	if !ok {
		return in, false
	}
	return psResult(in, in[:start]+psQuote(text)+in[end:])
}

// inflateSpan finds the Base64 blob for the stream expression span (in the
// span, else the single one in the whole line) and decompresses it.
func inflateSpan(line, span string) (string, bool) {
	blobs := fromB64Re.FindAllStringSubmatch(span, 2)
	if len(blobs) == 0 {
		blobs = fromB64Re.FindAllStringSubmatch(line, 2)
	}
	if len(blobs) != 1 {
		return "", false
	}
	b, ok := decodeBase64(blobs[0][1])
	if !ok {
		return "", false
	}
	return inflate(b, containsFold(span, "gzipstream"))
}

// inflate decompresses raw Deflate or Gzip data. The io.LimitReader at
// maxTransformOutput stops decompression bombs: a few KiB of Base64 that
// inflate to gigabytes. A truncated stream keeps what was decoded.
func inflate(b []byte, gz bool) (string, bool) {
	var r io.Reader
	if gz {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return "", false
		}
		r = zr
	} else {
		r = flate.NewReader(bytes.NewReader(b))
	}
	out, err := io.ReadAll(io.LimitReader(r, maxTransformOutput+1))
	if len(out) > maxTransformOutput || (err != nil && len(out) == 0) || len(out) == 0 {
		return "", false
	}
	return strings.ToValidUTF8(string(out), "\uFFFD"), true
}
