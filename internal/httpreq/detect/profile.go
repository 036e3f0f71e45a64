package detect

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// MaxProfilePaths bounds the endpoint profile: a site with more distinct
// paths than this in its normal traffic gets no profile (its paths are
// parameters, and a method rule over them would be noise).
const MaxProfilePaths = 20000

// Profile is what normal traffic shows about each endpoint: the methods it
// is called with. Learnt from normal traffic only, like the n-gram
// anomaly model, it flags a known path called with a method it never
// receives (a PUT or DELETE aimed at a page that only takes GET and POST:
// the "method not allowed" check of a WAF, learnt instead of configured).
// Paths the profile does not know are never flagged, so a profile from one
// site is inert on another.
type Profile struct {
	Methods map[string][]string `json:"methods"`
}

// NewProfile collects the methods per path; nil when there are too many
// paths.
func NewProfile(pairs [][2]string) *Profile {
	p := &Profile{Methods: map[string][]string{}}
	for _, mp := range pairs {
		method, path := strings.ToUpper(mp[0]), mp[1]
		if method == "" || path == "" {
			continue
		}
		if !slices.Contains(p.Methods[path], method) {
			p.Methods[path] = append(p.Methods[path], method)
			slices.Sort(p.Methods[path])
		}
		if len(p.Methods) > MaxProfilePaths {
			return nil
		}
	}
	return p
}

// Unexpected reports whether path is known and method is not among its
// methods. HEAD counts as GET.
func (p *Profile) Unexpected(method, path string) bool {
	if p == nil || method == "" {
		return false
	}
	ms, ok := p.Methods[path]
	if !ok {
		return false
	}
	m := strings.ToUpper(method)
	if m == "HEAD" {
		m = "GET"
	}
	return !slices.Contains(ms, m)
}

// Marshal encodes the profile for artifact metadata.
func (p *Profile) Marshal() (string, error) {
	b, err := json.Marshal(p)
	return string(b), err
}

// parseProfile reads a profile from artifact metadata ("" is no profile).
func parseProfile(s string) (*Profile, error) {
	if s == "" {
		return nil, nil
	}
	var p Profile
	if err := json.Unmarshal([]byte(s), &p); err != nil {
		return nil, fmt.Errorf("endpoint profile: %w", err)
	}
	if len(p.Methods) > MaxProfilePaths {
		return nil, fmt.Errorf("endpoint profile: %d paths, limit %d", len(p.Methods), MaxProfilePaths)
	}
	return &p, nil
}
