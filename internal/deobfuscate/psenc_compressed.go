package deobfuscate

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"encoding/base64"
	"io"
	"strings"
)

func init() {
	register(16, Transform{Name: "psenc_compressed", Lang: "powershell", Fn: PSEncCompressed})
}

// PSEncCompressed decodes Invoke-Obfuscation's COMPRESS launcher: the
// script deflated (or gzipped), Base64-encoded in [Convert]::FromBase64String
// and read back through IO.Compression.DeflateStream/GZipStream and a
// StreamReader, then run. Unlike a generic decompression step it replaces
// the whole launcher, frame included, with the script.
func PSEncCompressed(in string) (string, bool) {
	gz := psencContainsFold(in, "gzipstream")
	if !gz && !psencContainsFold(in, "deflatestream") {
		return in, false
	}
	blob, ok := psencFromBase64Arg(in)
	if !ok || !psencLauncher(in, blob.start, blob.end) {
		return in, false
	}
	raw, err := base64.StdEncoding.DecodeString(in[blob.start:blob.end])
	if err != nil {
		return in, false
	}
	plain, ok := psencInflate(raw, gz)
	if !ok {
		return in, false
	}
	out, ok := psencStreamText(plain, psencFrame(in, blob.start, blob.end))
	if !ok || !bounded(in, out) {
		return in, false
	}
	return out, true
}

// psencFromBase64Arg returns the span of the quoted argument of the first
// FromBase64String( '...' ). A double quote may carry cmd.exe's backslash
// escape (\"...\").
func psencFromBase64Arg(in string) (psencSpan, bool) {
	i := psencIndexFold(in, "frombase64string")
	if i < 0 {
		return psencSpan{}, false
	}
	j := psencSkipSpace(in, i+len("frombase64string"))
	if j >= len(in) || in[j] != '(' {
		return psencSpan{}, false
	}
	j = psencSkipSpace(in, j+1)
	if j+1 < len(in) && in[j] == '\\' && in[j+1] == '"' {
		j++
	}
	if j >= len(in) || (in[j] != '\'' && in[j] != '"') {
		return psencSpan{}, false
	}
	k := strings.IndexByte(in[j+1:], in[j])
	if k < 4 {
		return psencSpan{}, false
	}
	end := j + 1 + k
	if in[end-1] == '\\' {
		end--
	}
	return psencSpan{j + 1, end}, true
}

// psencInflate decompresses raw DEFLATE (DeflateStream) or gzip data,
// reading at most maxTransformOutput+1 bytes: the cap stops decompression
// bombs, a few kilobytes that inflate to gigabytes.
func psencInflate(raw []byte, gz bool) ([]byte, bool) {
	var r io.Reader
	if gz {
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			return nil, false
		}
		r = zr
	} else {
		r = flate.NewReader(bytes.NewReader(raw))
	}
	b, err := io.ReadAll(io.LimitReader(r, maxTransformOutput+1))
	if err != nil || len(b) > maxTransformOutput || len(b) == 0 {
		return nil, false
	}
	return b, true
}

// psencStreamText decodes the inflated bytes the way the frame's
// StreamReader does: UTF-16LE for [Text.Encoding]::Unicode, else bytes as
// UTF-8 (ASCII, UTF8 and the default all read ASCII scripts alike).
func psencStreamText(b []byte, frame string) (string, bool) {
	if psencContainsFold(frame, "::unicode") {
		s, ok := utf16LE(b)
		return s, ok && asciiRatio(s) >= 0.9
	}
	s := strings.ToValidUTF8(string(b), "?")
	return s, printableRatio(s) >= 0.9
}
