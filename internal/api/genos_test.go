package api

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/vigilsec/vigil/internal/config"
)

func TestGenosScan(t *testing.T) {
	e := newEnv(t)
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	tests := []struct {
		name, cmd, label, action, scanned string
		decoded                           bool
	}{
		{"plain malicious", maliciousCmd, "Malicious", "block", maliciousCmd, false},
		{"suspicious is Context_Dependent", suspiciousCmd, "Context_Dependent", "requires_context", suspiciousCmd, false},
		{"plain benign", benignCmd, "Benign", "pass", benignCmd, false},
		{"Base64 command is decoded", b64(maliciousCmd), "Malicious", "block", maliciousCmd, true},
		{"Base64 of binary is taken as text", base64.StdEncoding.EncodeToString([]byte{0xff, 0xfe, 0x00, 0x01}), "", "", "//4AAQ==", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e.do("POST", "/scan", "", map[string]string{"api_key": e.scn, "command": tt.cmd})
			var g GenosVerdict
			r.decode(t, &g)
			if r.status != 200 || g.Command != tt.scanned || g.Base64Decoded != tt.decoded {
				t.Fatalf("%d: scanned %q (decoded %v), want %q (%v)", r.status, g.Command, g.Base64Decoded, tt.scanned, tt.decoded)
			}
			if tt.label != "" && (g.Label != tt.label || g.Action != tt.action) {
				t.Errorf("label %s action %s, want %s %s", g.Label, g.Action, tt.label, tt.action)
			}
			if g.LabelConfidence < 1 || g.LabelConfidence > 100 || g.MITRECodes == nil || g.PayloadMITRECodes == nil {
				t.Errorf("label_confidence %v must be a percentage; MITRE_codes and payload_mitre_codes arrays: %s", g.LabelConfidence, r.body)
			}
			for _, c := range g.MITRECodes {
				if !strings.HasPrefix(c.Code, "T") || c.Confidence <= 0 || c.Confidence > 100 {
					t.Errorf("MITRE code %+v", c)
				}
			}
		})
	}
}

func TestGenosErrors(t *testing.T) {
	e := newEnv(t)
	tests := []struct {
		name      string
		body      any
		status    int
		genos     string
		badFields []string
	}{
		{"missing both", map[string]string{}, 400, "Missing api_key or command", []string{"api_key", "command"}},
		{"missing command", map[string]string{"api_key": e.scn}, 400, "Missing api_key or command", []string{"command"}},
		{"unknown key", map[string]string{"api_key": "nope", "command": "id"}, 401, "Key Not Valid", nil},
		{"unknown field", map[string]any{"api_key": e.scn, "command": "id", "include": []string{"ioc"}}, 400, "include: unknown field", []string{"include"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e.do("POST", "/scan", "", tt.body)
			p := r.problem(t)
			if r.status != tt.status || p.GenosError != tt.genos {
				t.Fatalf("%d error %q, want %d %q: %s", r.status, p.GenosError, tt.status, tt.genos, r.body)
			}
			var got []string
			for _, f := range p.Errors {
				got = append(got, f.Field)
			}
			if strings.Join(got, ",") != strings.Join(tt.badFields, ",") {
				t.Errorf("fields %v, want %v", got, tt.badFields)
			}
		})
	}
}

func TestDecodeBase64Command(t *testing.T) {
	tests := []struct {
		in, want string
		decoded  bool
	}{
		{"d2hvYW1p", "whoami", true},
		{"  d2hvYW1p\n", "whoami", true},
		{"whoami", "whoami", false},
		{"echo", "echo", false},         // valid Base64 alphabet, decodes to invalid UTF-8
		{"dGVzdA", "dGVzdA", false},     // unpadded: not strict
		{"AAECAw==", "AAECAw==", false}, // decodes to control bytes
		{"ICAg", "ICAg", false},         // decodes to white space only
		{"ls -la", "ls -la", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := decodeBase64Command(tt.in)
			if got != tt.want || ok != tt.decoded {
				t.Errorf("decodeBase64Command(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.decoded)
			}
		})
	}
}

func TestInternalScan(t *testing.T) {
	tests := []struct {
		name     string
		loopback bool
		token    string // configured
		header   string // sent
		status   int
	}{
		{"loopback needs no token", true, "", "", 200},
		{"loopback with a token configured", true, "s3cret", "", 200},
		{"right token when loopback is off", false, "s3cret", "s3cret", 200},
		{"wrong token is refused even from loopback", true, "s3cret", "guess", 403},
		{"no token and loopback off", false, "s3cret", "", 403},
		{"no token configured and loopback off", false, "", "anything", 403},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, func(c *config.Server) { c.InternalLoopback, c.InternalToken = tt.loopback, tt.token })
			old := e.http.Client().Transport
			if tt.header != "" {
				e.http.Client().Transport = headerTransport{old, InternalTokenHeader, tt.header}
			}
			r := e.do("POST", "/scan/internal", "", map[string]string{"command": maliciousCmd})
			if r.status != tt.status {
				t.Fatalf("status %d, want %d: %s", r.status, tt.status, r.body)
			}
			if tt.status == 403 && r.problem(t).GenosError != "Forbidden" {
				t.Errorf("403 without the Genos message: %s", r.body)
			}
		})
	}
}
