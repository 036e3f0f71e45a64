package deobfuscate

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"testing"
	"unicode/utf16"
)

// psencSecureBlob is what ConvertFrom-SecureString -Key writes for plain:
// the header, then Base64 of UTF-16LE "2|<IV Base64>|<ciphertext hex>".
func psencSecureBlob(plain string, key []byte) string {
	iv := bytes.Repeat([]byte{7}, aes.BlockSize)
	pt := psencUTF16LE(plain)
	pad := aes.BlockSize - len(pt)%aes.BlockSize
	pt = append(pt, bytes.Repeat([]byte{byte(pad)}, pad)...)
	block, _ := aes.NewCipher(key) // the tests use 16, 24 and 32 byte keys only
	ct := make([]byte, len(pt))
	cipher.NewCBCEncrypter(block, iv).CryptBlocks(ct, pt)
	inner := "2|" + base64.StdEncoding.EncodeToString(iv) + "|" + hex.EncodeToString(ct)
	return psencSecureHeader + base64.StdEncoding.EncodeToString(psencUTF16LE(inner))
}

func psencUTF16LE(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

// psencKeyRange is the byte range lo..hi, as PowerShell's lo..hi.
func psencKeyRange(lo, hi int) []byte {
	var k []byte
	for v := lo; ; {
		k = append(k, byte(v))
		if v == hi {
			return k
		}
		if hi > lo {
			v++
		} else {
			v--
		}
	}
}

func psencSecureCases() []transformCase {
	s := psencScript
	frame := func(blob, key string) string {
		return psencLaunch(`([Runtime.InteropServices.Marshal]::PtrToStringAuto([Runtime.InteropServices.Marshal]::SecureStringToBSTR($('` + blob + `' | ConvertTo-SecureString ` + key + `)))) | iex`)
	}
	asc := frame(psencSecureBlob(s, psencKeyRange(1, 16)), "-Key (1..16)")
	desc := frame(psencSecureBlob(s, psencKeyRange(158, 127)), "-KE (158..127)")
	list := psencLaunch(`& ( $env:ComSpec[4,15,25]-join'')(( [Runtime.InteropServices.Marshal]::PtrToStringUni( [Runtime.InteropServices.Marshal]::SecureStringToGlobalAllocUnicode($('` +
		psencSecureBlob("whoami", []byte{94, 57, 13, 133, 63, 146, 248, 205, 203, 218, 20, 79, 204, 132, 116, 156, 1, 2, 3, 4, 5, 6, 7, 8}) +
		`'| ConvertTo-SecureString -k  94,57,13,133,63,146,248,205,203,218,20,79,204,132,116,156,1,2,3,4,5,6,7,8)))))`)
	wrongKey := frame(psencSecureBlob(s, psencKeyRange(1, 16)), "-Key (2..17)")
	shortKey := frame(psencSecureBlob(s, psencKeyRange(1, 16)), "-Key (1..10)")
	noInvoke := `$s = '` + psencSecureBlob(s, psencKeyRange(1, 16)) + `' | ConvertTo-SecureString -Key (1..16)`
	truncated := frame(psencSecureBlob(s, psencKeyRange(1, 16))[:200], "-Key (1..16)")
	return []transformCase{
		{"ascending key range, BSTR", asc, s, true},
		{"descending 32-byte key range", desc, s, true},
		{"24-byte key list, global alloc unicode", list, "whoami", true},
		{"wrong key", wrongKey, wrongKey, false},
		{"key of a length AES refuses", shortKey, shortKey, false},
		{"no invoke builder is left alone", noInvoke, noInvoke, false},
		{"truncated blob", truncated, truncated, false},
		{"plain command", "ConvertTo-SecureString 'p' -AsPlainText -Force", "ConvertTo-SecureString 'p' -AsPlainText -Force", false},
	}
}

func TestPSEncSecureString(t *testing.T) { runTransformTable(t, PSEncSecureString, psencSecureCases()) }

func TestPSEncSecureKey(t *testing.T) {
	for _, tc := range []struct {
		frame string
		n     int
	}{
		{"-Key (1..16)", 16},
		{"-k (232..201)", 32},
		{"-ke (1..24)", 24},
		{"-Key (1..17)", 0},
		{"-Key (250..300)", 0},
		{"-Key 1,2,3", 0},
	} {
		k, ok := psencSecureKey(tc.frame)
		if len(k) != tc.n || ok != (tc.n > 0) {
			t.Errorf("%q: key of %d bytes (ok %v), want %d", tc.frame, len(k), ok, tc.n)
		}
	}
}

func FuzzPSEncSecureString(f *testing.F) {
	var seeds []string
	for _, tc := range psencSecureCases() {
		seeds = append(seeds, tc.in)
	}
	fuzzTransform(f, PSEncSecureString, seeds...)
}

func BenchmarkPSEncSecureString(b *testing.B) {
	in := psencLaunch(`([Runtime.InteropServices.Marshal]::PtrToStringAuto([Runtime.InteropServices.Marshal]::SecureStringToBSTR($('` +
		psencSecureBlob(strings.Repeat(psencScript, 10), psencKeyRange(1, 32)) + `' | ConvertTo-SecureString -Key (1..32))))) | iex`)
	benchTransform(b, PSEncSecureString, in)
}
