package dataset

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"

	"github.com/vigilsec/vigil/internal/httpreq"
)

// HoldOutMod is the modulus of the CSIC hold-out rule: digest mod 5 == 0
// holds out a fifth.
const HoldOutMod = 5

// Key returns the CSIC split key of a request and whether it is held out.
func Key(method, path, query, body string) (string, bool) {
	h := sha256.New()
	for i, s := range []string{method, path, query, body} {
		if i > 0 {
			h.Write([]byte{'\n'})
		}
		h.Write([]byte(s))
	}
	d := h.Sum(nil)
	return hex.EncodeToString(d), binary.BigEndian.Uint64(d[:8])%HoldOutMod == 0
}

// RequestKey is Key over a parsed request.
func RequestKey(r *httpreq.Request) (string, bool) { return Key(r.Method, r.Path, r.Query, r.Body) }
