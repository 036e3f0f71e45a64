package attack

import "strconv"

// key packs a technique id into a number: T1059.001 is 1059001, T1059 is
// 1059000. Sub-technique numbers start at 001, so the two never collide.
type key uint32

// tagPrefix is the Sigma-style tag namespace: "attack.t1059.001".
const tagPrefix = "attack."

// parseKey reads an id in any accepted form: "T1059", "t1059.001",
// "attack.T1059.001". It allocates nothing.
func parseKey(s string) (key, bool) {
	s = stripTag(s)
	if len(s) != 5 && len(s) != 9 || s[0] != 'T' && s[0] != 't' {
		return 0, false
	}
	n, ok := digits(s[1:5])
	if !ok {
		return 0, false
	}
	if len(s) == 5 {
		return key(n * 1000), true
	}
	sub, ok := digits(s[6:9])
	if s[5] != '.' || !ok || sub == 0 {
		return 0, false
	}
	return key(n*1000 + sub), true
}

// stripTag removes a case-insensitive "attack." prefix.
func stripTag(s string) string {
	if len(s) > len(tagPrefix) && asciiLowerEq(s[:len(tagPrefix)], tagPrefix) {
		return s[len(tagPrefix):]
	}
	return s
}

func asciiLowerEq(s, lower string) bool {
	for i := range len(s) {
		if c := s[i] | 0x20; c != lower[i] {
			return false
		}
	}
	return true
}

// digits parses a run of ASCII digits; no sign, no spaces.
func digits(s string) (uint32, bool) {
	var n uint32
	for i := range len(s) {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + uint32(c-'0')
	}
	return n, true
}

func (k key) isSub() bool { return k%1000 != 0 }
func (k key) parent() key { return k - k%1000 }

// String formats k canonically ("T1059.001"); it allocates.
func (k key) String() string {
	s := "T" + pad(uint32(k)/1000, 4)
	if k.isSub() {
		s += "." + pad(uint32(k)%1000, 3)
	}
	return s
}

func pad(n uint32, width int) string {
	s := strconv.FormatUint(uint64(n), 10)
	for len(s) < width {
		s = "0" + s
	}
	return s
}

// Normalize validates a technique id and returns its canonical form. It
// accepts "T1059", "T1059.001", a lower-case "t", and the Sigma tag form
// "attack.t1059.001"; it rejects tactic tags ("attack.execution"), surrounding
// spaces and anything else. The check is syntactic: use Lookup to ask whether
// the catalogue knows the id. Ids in the catalogue, and ids already canonical,
// are returned without allocating.
func Normalize(id string) (string, bool) {
	k, ok := parseKey(id)
	if !ok {
		return "", false
	}
	c := load()
	if i, ok := c.index(k); ok {
		return c.techs[i].ID, true
	}
	if s := stripTag(id); s[0] == 'T' {
		return s, true
	}
	return k.String(), true
}

// Parent returns the canonical id of id's parent technique ("T1059.001" →
// "T1059"); a technique is its own parent. It returns "" for an invalid id.
func Parent(id string) string {
	k, ok := parseKey(id)
	if !ok {
		return ""
	}
	p, c := k.parent(), load()
	if i, ok := c.index(p); ok {
		return c.techs[i].ID
	}
	return p.String()
}
