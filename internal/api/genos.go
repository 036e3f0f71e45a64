package api

import (
	"crypto/subtle"
	"encoding/base64"
	"math"
	"net"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/vigilsec/vigil/internal/command/detect"
	"github.com/vigilsec/vigil/internal/store"
)

// InternalTokenHeader carries VIGIL_INTERNAL_TOKEN to POST /scan/internal.
const InternalTokenHeader = "X-Internal-Token"

// GenosRequest is the body of the Genos-compatible POST /scan.
type GenosRequest struct {
	APIKey  string `json:"api_key" doc:"an API key with scope scan"`
	Command string `json:"command" doc:"the command line, or its Base64 encoding"`
}

// GenosInternalRequest is the body of POST /scan/internal.
type GenosInternalRequest struct {
	Command string `json:"command" doc:"the command line, or its Base64 encoding"`
}

// GenosCode is one ATT&CK technique in the Genos schema.
type GenosCode struct {
	Code       string  `json:"code" doc:"ATT&CK technique id"`
	Confidence float64 `json:"confidence" doc:"percentage, 0-100"`
}

// GenosVerdict is a verdict in the Genos response schema.
type GenosVerdict struct {
	Label              string        `json:"label" doc:"Benign, Malicious or Context_Dependent (vigil's Suspicious)"`
	LabelConfidence    float64       `json:"label_confidence" doc:"percentage, 0-100"`
	Action             string        `json:"action" doc:"pass, requires_context (Context_Dependent) or block"`
	Reason             string        `json:"reason" doc:"the routing rule that decided"`
	ClassProbabilities detect.Scores `json:"class_probabilities" doc:"Tier-1 probabilities, 0-1"`
	MITRECodes         []GenosCode   `json:"MITRE_codes" doc:"at most 5, best first"`
	DeobfuscatedCmd    *string       `json:"deobfuscated_cmd" doc:"null when deobfuscation changed nothing"`
	DecodedPayload     *string       `json:"decoded_payload"`
	PayloadMITRECodes  []GenosCode   `json:"payload_mitre_codes" doc:"techniques of the decoded payload alone"`
	Command            string        `json:"command" doc:"the command scanned (after Base64 decoding)"`
	Base64Decoded      bool          `json:"base64_decoded" doc:"true when the submitted command was Base64 and was decoded"`
	ElapsedMS          float64       `json:"elapsed_ms"`
}

func (s *Server) handleGenosScan(w http.ResponseWriter, r *http.Request) error {
	var req GenosRequest
	if err := decodeJSON(r, &req); err != nil {
		return genosError(err)
	}
	if err := required(map[string]string{"api_key": req.APIKey, "command": req.Command}); err != nil {
		return genosError(err)
	}
	k, err := s.authenticate(r.Context(), req.APIKey, store.ScopeScan)
	if err == nil {
		err = s.rateLimit(r, k)
	}
	if err != nil {
		return genosError(err)
	}
	return s.genosScan(w, req.Command, k.ID)
}

func (s *Server) handleInternalScan(w http.ResponseWriter, r *http.Request) error {
	var req GenosInternalRequest
	if err := decodeJSON(r, &req); err != nil {
		return genosError(err)
	}
	if err := required(map[string]string{"command": req.Command}); err != nil {
		return genosError(err)
	}
	return s.genosScan(w, req.Command, "")
}

func (s *Server) genosScan(w http.ResponseWriter, submitted, keyID string) error {
	cmd, decoded := decodeBase64Command(submitted)
	v, err := s.scan(cmd, keyID)
	if err != nil {
		return genosError(commandError("command", err))
	}
	s.usage.Add(keyID, 1)
	return writeJSON(w, http.StatusOK, genosVerdict(v, decoded))
}

// required is a 400 naming every missing field.
func required(fields map[string]string) error {
	var missing []FieldError
	for _, name := range []string{"api_key", "command"} {
		if v, ok := fields[name]; ok && strings.TrimSpace(v) == "" {
			missing = append(missing, FieldError{name, "is required"})
		}
	}
	if len(missing) == 0 {
		return nil
	}
	p := badRequest("missing required fields", missing...)
	p.GenosError = "Missing api_key or command"
	if _, hasKey := fields["api_key"]; !hasKey {
		p.GenosError = "Missing command"
	}
	return p
}

// genosMessages are the error texts Genos sent, by problem code.
var genosMessages = map[string]string{
	CodeUnauthorized: "Key Not Valid",
	CodeForbidden:    "Forbidden", CodeTooLarge: "Command too large", CodeRateLimited: "Rate limit exceeded",
	CodeNotReady: "Engine loading", CodeStoreUnavailable: "Internal error", CodeInternal: "Internal server error",
}

// genosError adds Genos's message to a problem (the detail of a 400 that
// has none of its own).
func genosError(err error) error {
	p := asProblem(err)
	switch {
	case p.GenosError != "":
	case p.Code == CodeBadRequest:
		p.GenosError = p.Detail
	default:
		p.GenosError = genosMessages[p.Code]
	}
	return p
}

// internalAccess lets a request through to /scan/internal when it carries
// the internal token, or comes from loopback (unless that is turned off).
// A wrong token is refused even from loopback.
func (s *Server) internalAccess(r *http.Request) error {
	tok := r.Header.Get(InternalTokenHeader)
	if want := s.cfg.InternalToken; want != "" && tok != "" {
		if subtle.ConstantTimeCompare([]byte(tok), []byte(want)) == 1 {
			return nil
		}
		return genosError(forbidden("wrong " + InternalTokenHeader))
	}
	if s.cfg.InternalLoopback && isLoopback(r.RemoteAddr) {
		return nil
	}
	return genosError(forbidden("POST /scan/internal is allowed from loopback or with " + InternalTokenHeader))
}

func isLoopback(remote string) bool {
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		host = remote
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// decodeBase64Command decodes a command sent in Base64, as Genos did: only
// when the whole text is strict standard Base64 and decodes to valid UTF-8
// made of printable characters and white space. Anything else is taken as
// the plain command.
func decodeBase64Command(s string) (string, bool) {
	t := strings.TrimSpace(s)
	if len(t) < 4 || len(t)%4 != 0 {
		return s, false
	}
	b, err := base64.StdEncoding.Strict().DecodeString(t)
	if err != nil || !utf8.Valid(b) || !isText(string(b)) {
		return s, false
	}
	return string(b), true
}

func isText(s string) bool {
	if strings.TrimSpace(s) == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsPrint(r) && !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// genosVerdict converts a verdict to the Genos schema.
func genosVerdict(v *detect.Verdict, decoded bool) GenosVerdict {
	label := v.Label
	if label == detect.Labels[detect.Suspicious] {
		label = "Context_Dependent"
	}
	return GenosVerdict{
		Label: label, LabelConfidence: percent(v.Confidence), Action: v.Action, Reason: v.Reason,
		ClassProbabilities: v.Scores, MITRECodes: genosCodes(v.Techniques),
		DeobfuscatedCmd: v.Deobfuscated, DecodedPayload: v.DecodedPayload,
		PayloadMITRECodes: genosCodes(v.PayloadTechniques), Command: v.Command, Base64Decoded: decoded,
		ElapsedMS: float64(v.ElapsedUS) / 1000,
	}
}

func genosCodes(ts []detect.Technique) []GenosCode {
	out := make([]GenosCode, len(ts))
	for i, t := range ts {
		out[i] = GenosCode{t.ID, percent(t.Confidence)}
	}
	return out
}

// percent turns a probability into a percentage with two decimals.
func percent(p float64) float64 { return math.Round(p*10000) / 100 }
