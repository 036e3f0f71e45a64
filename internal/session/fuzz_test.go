package session

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// FuzzDecodeFeatures: the decoder never panics; what it accepts is valid
// and survives a re-encoding unchanged; what it rejects is either
// malformed JSON or a list of field errors.
func FuzzDecodeFeatures(f *testing.F) {
	for _, s := range []string{validJSON, `{"failed_logins":-1}`, `{"failed_logins":1.5,"x":[1,{}]}`, `{}`, `[`, `{"sql_payload":"1","sql_payload":1}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := DecodeFeatures(b)
		var ve *ValidationError
		switch {
		case err == nil:
			if verr := Validate(got); verr != nil {
				t.Fatalf("accepted invalid features %+v: %v", got, verr)
			}
			again, _ := json.Marshal(got)
			if back, err := DecodeFeatures(again); err != nil || back != got {
				t.Fatalf("re-encoding %s: %+v, %v", again, back, err)
			}
		case errors.As(err, &ve):
			if len(ve.Errors) == 0 {
				t.Fatal("validation error without fields")
			}
		case !errors.Is(err, ErrMalformed):
			t.Fatalf("unexpected error kind: %v", err)
		}
	})
}

// FuzzParseCLF: the parser never panics and only returns text that was
// in the line.
func FuzzParseCLF(f *testing.F) {
	f.Add(`203.0.113.9 - - [01/Mar/2026:10:00:05 +0000] "GET /a?b=c HTTP/1.1" 200 12 "-" "curl/8"`)
	f.Add(`192.0.2.1 - alice [01/Mar/2026:10:00:05 +0100] "\x16\x03" 400 -`)
	f.Add(`x - - [] "" - -`)
	f.Fuzz(func(t *testing.T, line string) {
		e, err := ParseCLF(line)
		if err != nil {
			return
		}
		if !strings.Contains(line, e.Client) || (e.User != "" && !strings.Contains(line, e.User)) || e.Status < 0 || e.Status > 999 {
			t.Fatalf("parsed %+v from %q", e, line)
		}
	})
}

// FuzzParseHTTPJSON: the access-log reader never panics and an accepted
// record can always be grouped.
func FuzzParseHTTPJSON(f *testing.F) {
	f.Add([]byte(`{"timestamp":"2026-03-01T10:00:00Z","method":"GET","path":"/a?b=1","statusCode":200,"source":{"remoteAddress":"192.0.2.1"}}`))
	f.Add([]byte(`{"ts":1772359200000,"query":{"a":[1,"x",null]},"remote_addr":"x","status":"401"}`))
	f.Add([]byte(`{"url.path":{},"user.name":1,"@timestamp":-5}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		e, err := ParseHTTPJSON(b)
		if err == nil && e.Client == "" && e.User == "" {
			t.Fatalf("accepted a record with no key: %+v", e)
		}
	})
}

// FuzzLooksLikeSQL: the heuristic never panics, and decoding is bounded.
func FuzzLooksLikeSQL(f *testing.F) {
	f.Add("id=1%27%20OR%20%271%27%3D%271")
	f.Add("%%%2%25")
	f.Fuzz(func(t *testing.T, s string) {
		LooksLikeSQL(s)
		if d := urlDecode(s); len(d) > len(s) {
			t.Fatalf("decoding grew %q to %q", s, d)
		}
	})
}
