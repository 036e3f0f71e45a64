package deobfuscate

import (
	"bytes"
	"compress/gzip"
	"io"
	"regexp"
	"strings"
)

func init() {
	register(64, Transform{Name: "sh_base64_gunzip", Lang: "sh", Fn: ShBase64Gunzip})
	register(65, Transform{Name: "sh_base64_pipe", Lang: "sh", Fn: ShBase64Pipe})
}

// shEchoPrefix matches echo or printf with echo-style flags, before a blob.
const shEchoPrefix = `\b(?:echo|printf)(?:\s+-[neE]+)*\s+`

// shB64DecodeFlag matches base64's decode flag (-d, -di, -D, --decode).
const shB64DecodeFlag = `\s*\|\s*base64\s+(?:-[A-Za-z]*[dD][A-Za-z]*|--decode)\b`

// shB64PipeRe is Genos's shell Base64 pipe: echo/printf, an optionally
// quoted blob of 20+ Base64 characters, then | base64 -d.
var shB64PipeRe = regexp.MustCompile(shEchoPrefix + `['"]?([A-Za-z0-9+/]{20,}={0,2})['"]?` + shB64DecodeFlag)

// ShBase64Pipe decodes `echo <b64> | base64 -d`, replacing only the blob
// with its text when that is over 70% printable (Genos step 2). The pipe
// stays, so the trace still shows how the payload was run.
func ShBase64Pipe(in string) (string, bool) {
	if !strings.Contains(in, "base64") {
		return in, false
	}
	ms := shB64PipeRe.FindAllStringSubmatchIndex(in, -1)
	var b strings.Builder
	last := 0
	for _, m := range ms {
		raw, ok := decodeBase64(in[m[2]:m[3]])
		if !ok {
			continue
		}
		text, ok := bytesToText(raw, 0.7)
		if !ok {
			continue
		}
		b.WriteString(in[last:m[2]])
		b.WriteString(strings.TrimRight(text, "\r\n"))
		last = m[3]
	}
	if last == 0 {
		return in, false
	}
	b.WriteString(in[last:])
	return shBounded(in, b.String())
}

// shGunzipRe matches echo '<gzip b64>' | base64 -d | gunzip (or gzip -d,
// zcat). H4sI is the Base64 of the gzip magic.
var shGunzipRe = regexp.MustCompile(shEchoPrefix + `['"]?(H4sI[A-Za-z0-9+/]{12,}={0,2})['"]?` + shB64DecodeFlag +
	`\s*\|\s*(?:gunzip|gzip\s+-[A-Za-z]*d[A-Za-z]*|zcat)\b(?:\s+-[cf]+\b)*`)

// ShBase64Gunzip decodes and decompresses `echo <b64> | base64 -d |
// gunzip`, replacing the whole producer with echo '<text>', which writes the
// same text.
func ShBase64Gunzip(in string) (string, bool) {
	if !strings.Contains(in, "H4sI") {
		return in, false
	}
	ms := shGunzipRe.FindAllStringSubmatchIndex(in, -1)
	var b strings.Builder
	last := 0
	for _, m := range ms {
		text, ok := shGunzipText(in[m[2]:m[3]])
		if !ok {
			continue
		}
		b.WriteString(in[last:m[0]])
		b.WriteString("echo " + shWord(strings.TrimRight(text, "\r\n")))
		last = m[1]
	}
	if last == 0 {
		return in, false
	}
	b.WriteString(in[last:])
	return shBounded(in, b.String())
}

// shGunzipText decodes a Base64 gzip blob to mostly printable text.
func shGunzipText(blob string) (string, bool) {
	raw, ok := decodeBase64(blob)
	if !ok {
		return "", false
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return "", false
	}
	// The limit stops decompression bombs: a few hundred bytes of Base64
	// can inflate to gigabytes.
	out, err := io.ReadAll(io.LimitReader(zr, maxTransformOutput+1))
	if err != nil || len(out) > maxTransformOutput {
		return "", false
	}
	return bytesToText(out, 0.7)
}

// shBounded is the common ending of the sh transforms.
func shBounded(in, out string) (string, bool) {
	if out == in || !bounded(in, out) {
		return in, false
	}
	return out, true
}
