package deobfuscate

import (
	"crypto/aes"
	"crypto/cipher"
	"encoding/base64"
	"encoding/hex"
	"regexp"
	"strconv"
	"strings"
)

func init() {
	register(15, Transform{Name: "psenc_securestring", Lang: "powershell", Fn: PSEncSecureString})
}

// psencSecureHeader starts every ConvertFrom-SecureString -Key output.
const psencSecureHeader = "76492d1116743f0423413b16050a5345"

// psencKeyRe finds ConvertTo-SecureString's -Key (any prefix of it): a
// range (158..127) or a list of byte values.
var psencKeyRe = regexp.MustCompile(`(?i)-k(?:ey?)?\s+(?:\(\s*(\d{1,3})\s*\.\.\s*(\d{1,3})\s*\)|(\d{1,3}(?:\s*,\s*\d{1,3}){15,31}))`)

// PSEncSecureString decodes Invoke-Obfuscation's SECURESTRING launcher:
// the script encrypted by ConvertFrom-SecureString -Key, decrypted back
// with ConvertTo-SecureString -Key and read out through the Marshal
// SecureStringToBSTR/PtrToString* pair, then run. The blob after the
// header is Base64 of UTF-16LE "2|<IV Base64>|<ciphertext hex>", AES-CBC
// with PKCS#7 padding under the 16, 24 or 32 byte key the frame gives in
// the clear. The whole launcher becomes the script.
func PSEncSecureString(in string) (string, bool) {
	h := strings.Index(in, psencSecureHeader)
	if h < 0 || !psencContainsFold(in, "securestring") {
		return in, false
	}
	end := h + len(psencSecureHeader)
	for end < len(in) && psencBase64Char(in[end]) {
		end++
	}
	if !psencLauncher(in, h, end) {
		return in, false
	}
	key, ok := psencSecureKey(psencFrame(in, h, end))
	if !ok {
		return in, false
	}
	out, ok := psencDecryptSecure(in[h+len(psencSecureHeader):end], key)
	if !ok || !bounded(in, out) {
		return in, false
	}
	return out, true
}

func psencBase64Char(c byte) bool {
	return psencAlnum(c) || c == '+' || c == '/' || c == '='
}

// psencSecureKey returns the AES key the frame passes to -Key.
func psencSecureKey(frame string) ([]byte, bool) {
	m := psencKeyRe.FindStringSubmatch(frame)
	if m == nil {
		return nil, false
	}
	var vals []int
	if m[1] != "" {
		lo, _ := strconv.Atoi(m[1])
		hi, _ := strconv.Atoi(m[2])
		step := 1
		if hi < lo {
			step = -1
		}
		for v := lo; len(vals) <= 32; v += step {
			vals = append(vals, v)
			if v == hi {
				break
			}
		}
	} else {
		for _, f := range strings.Split(m[3], ",") {
			v, _ := strconv.Atoi(strings.TrimSpace(f))
			vals = append(vals, v)
		}
	}
	key := make([]byte, 0, len(vals))
	for _, v := range vals {
		if v > 255 {
			return nil, false
		}
		key = append(key, byte(v))
	}
	switch len(key) {
	case 16, 24, 32:
		return key, true
	}
	return nil, false
}

// psencDecryptSecure decrypts the SecureString export blob (without its
// header) and returns the plaintext as text.
func psencDecryptSecure(blob string, key []byte) (string, bool) {
	raw, err := base64.StdEncoding.DecodeString(blob)
	if err != nil {
		return "", false
	}
	inner, ok := utf16LE(raw)
	if !ok {
		return "", false
	}
	parts := strings.Split(inner, "|")
	if len(parts) != 3 || parts[0] != "2" {
		return "", false
	}
	iv, err1 := base64.StdEncoding.DecodeString(parts[1])
	ct, err2 := hex.DecodeString(parts[2])
	if err1 != nil || err2 != nil {
		return "", false
	}
	plain, ok := psencAESCBC(key, iv, ct)
	if !ok {
		return "", false
	}
	return bytesToText(plain, 0.9)
}

// psencAESCBC decrypts ct with AES-CBC and strips the PKCS#7 padding.
func psencAESCBC(key, iv, ct []byte) ([]byte, bool) {
	block, err := aes.NewCipher(key)
	if err != nil || len(iv) != aes.BlockSize || len(ct) == 0 || len(ct)%aes.BlockSize != 0 {
		return nil, false
	}
	plain := make([]byte, len(ct))
	cipher.NewCBCDecrypter(block, iv).CryptBlocks(plain, ct)
	pad := int(plain[len(plain)-1])
	if pad == 0 || pad > aes.BlockSize {
		return nil, false
	}
	for _, c := range plain[len(plain)-pad:] {
		if int(c) != pad {
			return nil, false
		}
	}
	return plain[:len(plain)-pad], true
}
