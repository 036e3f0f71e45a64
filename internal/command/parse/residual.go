package parse

// placeholderRule is one residual substitution, in priority order.
type placeholderRule struct {
	name  string
	match func(s string, i int) int
}

// residualRules follow Genos's order (URL, UNC, registry, Windows path,
// Unix path, ... number) with e-mail, IPv6, domain-for-any-TLD and hash
// added. Where two could match at one position the earlier wins.
var residualRules = []placeholderRule{
	{"<URL>", matchURL},
	{"<UNC>", matchUNC},
	{"<REGPATH>", matchRegistry},
	{"<PATH>", matchWinPath},
	{"<PATH>", matchBackslashPath},
	{"<PATH>", matchUnixPath2},
	{"<EMAIL>", matchEmail},
	{"<IP>", matchIPv4},
	{"<IP>", matchIPv6},
	{"<GUID>", matchGUID},
	{"<HASH>", matchHash},
	{"<DOMAIN>", matchDomain},
	{"<HEX>", matchHex},
	{"<B64>", matchB64},
	{"<NUM>", matchNum},
}

// matchUnixPath2 matches Unix paths of two or more segments.
func matchUnixPath2(s string, i int) int {
	if end, segs := matchUnixPath(s, i); segs >= 2 {
		return end
	}
	return 0
}

// residual replaces values in the normalised text with placeholders and
// lower-cases the rest (ASCII only, so the output is deterministic and at
// most a small multiple of the input). Lower-casing suits the models: all
// three shells are matched case-insensitively by the rules, and PowerShell
// and cmd.exe are case-insensitive themselves. Unix paths may start after
// a colon (user@host:/path); every other match starts on a boundary.
func residual(s string) string {
	out := make([]byte, 0, len(s)+16)
	for i := 0; i < len(s); {
		if boundary(s, i) || s[i] == '/' && s[i-1] == ':' {
			if end, ph := matchPlaceholder(s, i); end > i {
				out = append(out, ph...)
				i = end
				continue
			}
		}
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		out = append(out, c)
		i++
	}
	return string(out)
}

func matchPlaceholder(s string, i int) (int, string) {
	for _, r := range residualRules {
		if end := r.match(s, i); end > i {
			return end, r.name
		}
	}
	return 0, ""
}
