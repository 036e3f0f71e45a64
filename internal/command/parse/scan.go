package parse

import (
	"net/netip"
	"strings"

	"github.com/vigilsec/vigil/internal/ascii"
)

// The matchers below return the end of the match starting at s[i], or 0
// when there is none. Each scans one run of its own characters and runs
// never restart inside one another (see boundary), so a scan over a whole
// line is linear.

// boundary reports whether a match may start at s[i]: at the start of the
// text or after a byte that cannot continue a word, path or address.
func boundary(s string, i int) bool {
	if i == 0 {
		return true
	}
	p := s[i-1]
	return p < 0x80 && !isAlnum(p) && strings.IndexByte("._-\\/~%$:@+,", p) < 0
}

func matchURL(s string, i int) int {
	j := i
	for j < len(s) && j-i < 16 && (isAlnum(s[j]) || s[j] == '+' || s[j] == '.' || s[j] == '-') {
		j++
	}
	if j-i < 2 || !ascii.IsLetter(s[i]) || !strings.HasPrefix(s[j:], "://") {
		return 0
	}
	j += 3
	start := j
	for j < len(s) && !isSpace(s[j]) && strings.IndexByte("\"'`<>|^{}", s[j]) < 0 {
		j++
	}
	j = trimURLTail(s, start, j)
	if j == start {
		return 0
	}
	return j
}

// trimURLTail drops trailing punctuation that more likely closes the
// surrounding text than belongs to the URL.
func trimURLTail(s string, start, j int) int {
	for j > start {
		switch s[j-1] {
		case '.', ',', ';', ':', '!', '?', ']':
			j--
			continue
		case ')':
			if strings.Count(s[start:j], "(") < strings.Count(s[start:j], ")") {
				j--
				continue
			}
		}
		break
	}
	return j
}

// urlHost returns the host and explicit port of a URL.
func urlHost(u string) (host, port string) {
	k := strings.Index(u, "://")
	rest := u[k+3:]
	if e := strings.IndexAny(rest, "/?#\\"); e >= 0 {
		rest = rest[:e]
	}
	if at := strings.LastIndexByte(rest, '@'); at >= 0 {
		rest = rest[at+1:]
	}
	if strings.HasPrefix(rest, "[") {
		if e := strings.IndexByte(rest, ']'); e > 0 {
			host, rest = rest[1:e], rest[e+1:]
			if strings.HasPrefix(rest, ":") {
				port = rest[1:]
			}
			return host, digitsOnly(port)
		}
	}
	if c := strings.LastIndexByte(rest, ':'); c >= 0 {
		return rest[:c], digitsOnly(rest[c+1:])
	}
	return rest, ""
}

func digitsOnly(p string) string {
	if p == "" || len(p) > 5 {
		return ""
	}
	for i := 0; i < len(p); i++ {
		if !isDigit(p[i]) {
			return ""
		}
	}
	return p
}

// pathStop ends Windows paths, UNC names and registry keys.
const pathStop = "\"'`|&;<>,:*?"

func runUntil(s string, j int, stop string) int {
	for j < len(s) && !isSpace(s[j]) && strings.IndexByte(stop, s[j]) < 0 {
		j++
	}
	return j
}

func matchUNC(s string, i int) int {
	if !strings.HasPrefix(s[i:], `\\`) || i+2 >= len(s) || !isHostByte(s[i+2]) {
		return 0
	}
	return runUntil(s, i+2, pathStop)
}

var registryRoots = []string{
	"hkey_local_machine", "hkey_current_user", "hkey_classes_root", "hkey_users",
	"hkey_current_config", "hklm", "hkcu", "hkcr", "hkcc", "hku",
}

// registryPrefixLen is the length of a registry root and its separator
// (HKLM\, HKCU:\, Registry::HKEY_USERS\) at the start of w, or 0.
func registryPrefixLen(w string) int {
	if len(w) < 4 || w[0]|0x20 != 'h' && w[0]|0x20 != 'r' {
		return 0
	}
	n := 0
	if ascii.HasPrefixFold(w, "registry::") {
		n = len("registry::")
	}
	for _, r := range registryRoots {
		if !ascii.HasPrefixFold(w[n:], r) {
			continue
		}
		k := n + len(r)
		switch {
		case strings.HasPrefix(w[k:], `\`) || strings.HasPrefix(w[k:], `/`):
			return k + 1
		case strings.HasPrefix(w[k:], `:\`):
			return k + 2
		}
		return 0
	}
	return 0
}

func matchRegistry(s string, i int) int {
	n := registryPrefixLen(s[i:])
	if n == 0 {
		return 0
	}
	return runUntil(s, i+n, pathStop)
}

// matchWinPath matches C:\..., %VAR%\..., $env:VAR\..., .\... and ..\...
func matchWinPath(s string, i int) int {
	t := s[i:]
	switch {
	case len(t) >= 3 && ascii.IsLetter(t[0]) && t[1] == ':' && (t[2] == '\\' || t[2] == '/'):
		return runUntil(s, i+3, pathStop)
	case strings.HasPrefix(t, `.\`):
		return runUntil(s, i+2, pathStop)
	case strings.HasPrefix(t, `..\`):
		return runUntil(s, i+3, pathStop)
	case t[0] == '%':
		e := strings.IndexByte(t[1:min(len(t), 64)], '%')
		if e > 0 && strings.HasPrefix(t[e+2:], `\`) {
			return runUntil(s, i+e+3, pathStop)
		}
	case ascii.HasPrefixFold(t, "$env:"):
		j := runUntil(s, i+5, pathStop)
		if strings.IndexByte(s[i:j], '\\') > 0 {
			return j
		}
	}
	return 0
}

// matchBackslashPath matches a relative Windows path with at least two
// backslashes (Users\Public\x.exe).
func matchBackslashPath(s string, i int) int {
	if !isAlnum(s[i]) {
		return 0
	}
	j := runUntil(s, i, pathStop+"/=()[]{}$")
	if strings.Count(s[i:j], `\`) < 2 || strings.Contains(s[i:j], `\\`) {
		return 0
	}
	return j
}

func isUnixPathByte(c byte) bool {
	return isAlnum(c) || c >= 0x80 || strings.IndexByte("._-~+@%,/", c) >= 0
}

// matchUnixPath matches /abs, ~/x, ./x, ../x and rel/x paths and returns
// the number of segments too.
func matchUnixPath(s string, i int) (end, segs int) {
	t := s[i:]
	rel := false
	switch {
	case t[0] == '/':
		if len(t) < 2 || t[1] == '/' || !isUnixPathByte(t[1]) {
			return 0, 0
		}
	case strings.HasPrefix(t, "~/") || strings.HasPrefix(t, "./") || strings.HasPrefix(t, "../"):
	case isAlnum(t[0]):
		rel = true
	default:
		return 0, 0
	}
	j := i
	for j < len(s) && isUnixPathByte(s[j]) {
		if s[j] == '/' && j+1 < len(s) && isUnixPathByte(s[j+1]) && s[j+1] != '/' {
			segs++
		}
		j++
	}
	if rel {
		if segs == 0 || strings.ContainsAny(s[i:j], "+@") {
			return 0, 0
		}
		segs++
	}
	return j, segs
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

func isHostByte(c byte) bool { return isAlnum(c) || c == '-' || c == '.' || c == '_' }

// matchDomain matches a dotted host name whose last label is a known TLD
// (or a two-letter country code) and not a file extension; CamelCase
// member names (System.Net) and method calls (os.system() are refused.
func matchDomain(s string, i int) int {
	if !isAlnum(s[i]) || i > 0 && s[i-1] == '$' {
		return 0
	}
	j := i
	for j < len(s) && (isAlnum(s[j]) || s[j] == '-' || s[j] == '.') && j-i < 254 {
		j++
	}
	for j > i && (s[j-1] == '.' || s[j-1] == '-') {
		j--
	}
	if j < len(s) && (s[j] == '(' || isAlnum(s[j]) || s[j] == '_') {
		return 0
	}
	lastDot := i + strings.LastIndexByte(s[i:j], '.')
	if lastDot <= i || !validDomain(s[i:j], s[lastDot+1:j]) {
		return 0
	}
	return j
}

func validDomain(d, tld string) bool {
	if len(tld) < 2 || len(tld) > 24 || strings.Contains(d, "..") {
		return false
	}
	upper, lower := false, false
	for k := 0; k < len(tld); k++ {
		c := tld[k]
		if !ascii.IsLetter(c) {
			return false
		}
		upper, lower = upper || c < 'a', lower || c >= 'a'
	}
	lt := ascii.Lower(tld)
	if fileExts.has(lt) || !(tlds.has(lt) || len(lt) == 2) {
		return false
	}
	if upper && lower {
		return false
	}
	if upper && strings.IndexFunc(d, func(r rune) bool { return r >= 'a' && r <= 'z' }) >= 0 {
		return false // System.NET, Foo.IO: CamelCase member access
	}
	return true
}

func matchEmail(s string, i int) int {
	j := i
	for j < len(s) && (isAlnum(s[j]) || strings.IndexByte("._%+-", s[j]) >= 0) {
		j++
	}
	if j == i || j+1 >= len(s) || s[j] != '@' {
		return 0
	}
	e := matchDomain(s, j+1)
	if e == 0 || e < len(s) && s[e] == ':' {
		return 0
	}
	return e
}

func matchIPv4(s string, i int) int {
	j := i
	for part := 0; part < 4; part++ {
		if part > 0 {
			if j >= len(s) || s[j] != '.' {
				return 0
			}
			j++
		}
		k, v := j, 0
		for k < len(s) && isDigit(s[k]) && k-j < 4 {
			v = v*10 + int(s[k]-'0')
			k++
		}
		if k == j || k-j > 3 || v > 255 {
			return 0
		}
		j = k
	}
	if j < len(s) && (isAlnum(s[j]) || s[j] == '.' && j+1 < len(s) && isDigit(s[j+1])) {
		return 0
	}
	return j
}

func matchIPv6(s string, i int) int {
	j, colons, digit := i, 0, false
	for j < len(s) && (isHex(s[j]) || s[j] == ':' || s[j] == '.') && j-i < 46 {
		colons += b2i(s[j] == ':')
		digit = digit || isDigit(s[j])
		j++
	}
	if colons < 2 || !digit || j < len(s) && isAlnum(s[j]) {
		return 0
	}
	for j > i && s[j-1] == '.' {
		j--
	}
	if a, err := netip.ParseAddr(s[i:j]); err != nil || !a.Is6() {
		return 0
	}
	return j
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func hexRun(s string, i int) int {
	j := i
	for j < len(s) && isHex(s[j]) {
		j++
	}
	return j
}

func matchGUID(s string, i int) int {
	j := i
	if s[j] == '{' {
		j++
	}
	for k, n := range [5]int{8, 4, 4, 4, 12} {
		e := hexRun(s, j)
		if e-j != n {
			return 0
		}
		j = e
		if k < 4 {
			if j >= len(s) || s[j] != '-' {
				return 0
			}
			j++
		}
	}
	if s[i] == '{' {
		if j >= len(s) || s[j] != '}' {
			return 0
		}
		j++
	}
	if j < len(s) && isAlnum(s[j]) {
		return 0
	}
	return j
}

// matchHash matches MD5, SHA-1 and SHA-256 hex digests (exactly 32, 40
// or 64 hex digits with both a digit and a letter).
func matchHash(s string, i int) int {
	j := hexRun(s, i)
	if n := j - i; n != 32 && n != 40 && n != 64 || j < len(s) && isAlnum(s[j]) {
		return 0
	}
	if strings.IndexFunc(s[i:j], func(r rune) bool { return r > '9' }) < 0 ||
		strings.IndexFunc(s[i:j], func(r rune) bool { return r <= '9' }) < 0 {
		return 0
	}
	return j
}

func matchHex(s string, i int) int {
	if i+2 >= len(s) || s[i] != '0' || s[i+1]|0x20 != 'x' {
		return 0
	}
	j := hexRun(s, i+2)
	if j-i-2 < 4 || j < len(s) && isAlnum(s[j]) {
		return 0
	}
	return j
}

// matchB64 matches a Base64-looking run of 20 or more characters that
// mixes at least two of upper case, lower case, digits and +/.
func matchB64(s string, i int) int {
	j := i
	var kinds [4]bool
	for j < len(s) {
		c := s[j]
		switch {
		case c >= 'A' && c <= 'Z':
			kinds[0] = true
		case c >= 'a' && c <= 'z':
			kinds[1] = true
		case isDigit(c):
			kinds[2] = true
		case c == '+' || c == '/':
			kinds[3] = true
		case c == '=':
		default:
			goto done
		}
		j++
	}
done:
	if j-i < 20 || b2i(kinds[0])+b2i(kinds[1])+b2i(kinds[2])+b2i(kinds[3]) < 2 {
		return 0
	}
	return j
}

func matchNum(s string, i int) int {
	j := i
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	if j-i < 3 || j < len(s) && isAlnum(s[j]) {
		return 0
	}
	return j
}
