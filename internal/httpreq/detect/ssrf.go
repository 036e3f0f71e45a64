package detect

import (
	"net/netip"
	"strings"

	"github.com/vigilsec/vigil/internal/httpreq/normalize"
)

// ssrfSchemes reach services a web client never should.
var ssrfSchemes = []string{"gopher://", "dict://", "ldap://", "tftp://", "jar:", "netdoc://"}

// ssrfHosts are names of the local machine and cloud metadata services.
var ssrfHosts = []string{"localhost", "metadata.google.internal", "metadata", "instance-data", "0"}

// ssrfPart returns the first part whose decoded value holds a URL aimed at
// the server's own network: a loopback, private, link-local (cloud
// metadata at 169.254.169.254) or unspecified address, a local host name,
// or a scheme only internal services speak. No training corpus labels
// SSRF, so this is a rule: it names the type of a flagged attack, and
// flags a request the models passed.
func ssrfPart(res *normalize.Result) (string, bool) {
	for _, p := range res.Parts {
		if p.Name != "path" && ssrfValue(strings.ToLower(p.Decoded)) {
			return p.Name, true
		}
	}
	return "", false
}

func ssrfValue(s string) bool {
	for _, sch := range ssrfSchemes {
		if strings.Contains(s, sch) {
			return true
		}
	}
	for rest := s; ; {
		i := strings.Index(rest, "://")
		if i < 0 {
			return false
		}
		rest = rest[i+3:]
		if internalHost(hostOf(rest)) {
			return true
		}
	}
}

// hostOf returns the host of "user@host:port/path..." (IPv6 in brackets).
func hostOf(s string) string {
	if i := strings.IndexAny(s, "/?#& \"'"); i >= 0 {
		s = s[:i]
	}
	if i := strings.LastIndexByte(s, '@'); i >= 0 {
		s = s[i+1:]
	}
	if strings.HasPrefix(s, "[") {
		if i := strings.IndexByte(s, ']'); i > 0 {
			return s[1:i]
		}
	}
	if i := strings.LastIndexByte(s, ':'); i >= 0 {
		s = s[:i]
	}
	return s
}

func internalHost(h string) bool {
	for _, n := range ssrfHosts {
		if h == n {
			return true
		}
	}
	a, err := netip.ParseAddr(h)
	if err != nil {
		return false
	}
	return a.IsLoopback() || a.IsPrivate() || a.IsLinkLocalUnicast() || a.IsUnspecified()
}
