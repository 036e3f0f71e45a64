package parse

import (
	"net/netip"
	"strings"

	"github.com/vigilsec/vigil/internal/ascii"
)

// extractor collects indicators from the tokens of a line, in order of
// appearance, without duplicates.
type extractor struct {
	in  *Indicators
	win bool
	exe string // the current segment's executable
}

func add(list *[]string, v string) {
	if v == "" || len(*list) >= maxIndicators {
		return
	}
	for _, x := range *list {
		if x == v {
			return
		}
	}
	*list = append(*list, v)
}

// ncFamily take "host port" positionally.
var ncFamily = newSet(`nc ncat netcat telnet socat`)

// segment extracts from one segment's tokens; exe is the token that named
// the executable (not a file argument even when it is payload.exe).
func (x *extractor) segment(seg *Segment) {
	x.exe = seg.Executable
	exeSeen := seg.Executable == ""
	prev := ""
	for _, v := range seg.Tokens {
		switch {
		case !exeSeen && normExe(strings.TrimPrefix(v, "@")) == seg.Executable:
			exeSeen = true
			if strings.ContainsAny(v, `/\`) {
				x.token(v, false)
			}
		case isFlag(v, x.win):
			x.flag(v)
		default:
			x.port(seg.Executable, prev, v)
			x.token(v, exeSeen)
		}
		prev = v
	}
}

// port records a port given as the value of -p/--port or positionally
// to nc/telnet.
func (x *extractor) port(exe, prev, v string) {
	if digitsOnly(v) == "" {
		return
	}
	prevFlag := isFlag(prev, false)
	switch {
	case portFlags.has(prev):
	case prevFlag && ncFamily.has(exe) && strings.HasSuffix(prev, "p"):
	case !prevFlag && ncFamily.has(exe):
	default:
		return
	}
	add(&x.in.Ports, v)
}

// flag extracts from the value of --opt=value and /opt:value.
func (x *extractor) flag(v string) {
	if eq := strings.IndexByte(v, '='); eq > 0 {
		if portFlags.has(v[:eq]) && digitsOnly(v[eq+1:]) != "" {
			add(&x.in.Ports, v[eq+1:])
			return
		}
		x.word(v[eq+1:], true)
		return
	}
	if c := strings.IndexByte(v, ':'); c > 0 && v[0] == '/' {
		x.word(strings.Trim(v[c+1:], `"'`), true)
	}
}

// token extracts from one argument. A multi-word value (a quoted string)
// is a path when it reads as one ("C:\Program Files\x.exe"); otherwise
// its words are examined one by one.
func (x *extractor) token(v string, standalone bool) {
	if !strings.ContainsAny(v, " \t\n\r") {
		x.word(v, standalone)
		return
	}
	if spacedPath(v) {
		x.path(v)
		return
	}
	for w := range strings.FieldsFuncSeq(v, isWordSep) {
		if !isFlag(w, x.win) {
			x.word(w, false)
		}
	}
}

func isWordSep(r rune) bool {
	return r < 0x80 && (isSpace(byte(r)) || strings.IndexByte("\"'`()|&;<>{}[],", byte(r)) >= 0)
}

// spacedPath reports a quoted path with spaces: it starts like a path and
// no later word starts like an option or a new path.
func spacedPath(v string) bool {
	if !(matchWinPath(v, 0) > 0 || matchUNC(v, 0) > 0 || registryPrefixLen(v) > 0 || v[0] == '/') {
		return false
	}
	if strings.ContainsAny(v, "\"'|&;<>\n") {
		return false
	}
	first := true
	for w := range strings.FieldsSeq(v) {
		if !first && (w[0] == '-' || w[0] == '/' || w[0] == '\\' || matchURL(w, 0) > 0) {
			return false
		}
		first = false
	}
	return true
}

// path adds a file path, or a registry key or UNC name that looks like one.
func (x *extractor) path(p string) {
	switch {
	case registryPrefixLen(p) > 0:
		add(&x.in.RegistryKeys, p)
	case strings.HasPrefix(p, `\\`):
		add(&x.in.FilePaths, p)
		add(&x.in.RemoteTargets, p)
		x.host(p[2:min(len(p), runUntil(p, 2, `\/`+pathStop))])
	default:
		add(&x.in.FilePaths, p)
	}
}

// host adds a host name or address.
func (x *extractor) host(h string) {
	switch {
	case h == "":
	case matchIPv4(h, 0) == len(h):
		add(&x.in.IPs, h)
	case strings.IndexByte(h, ':') >= 0:
		if a, err := netip.ParseAddr(h); err == nil && a.Is6() {
			add(&x.in.IPs, h)
		}
	case strings.IndexByte(h, '.') > 0 && isHostName(h):
		add(&x.in.Domains, ascii.Lower(h))
	}
}

func isHostName(h string) bool {
	for i := 0; i < len(h); i++ {
		if !isHostByte(h[i]) {
			return false
		}
	}
	return true
}

// word extracts from a single whitespace-free word.
func (x *extractor) word(w string, standalone bool) {
	switch {
	case w == "":
	case strings.Contains(w, "://"):
		x.urls(w)
	case matchUNC(w, 0) > 0 || registryPrefixLen(w) > 0:
		x.path(w[:max(matchUNC(w, 0), matchRegistry(w, 0))])
	case x.keyValue(w, standalone):
	case matchWinPath(w, 0) > 0:
		x.path(w[:matchWinPath(w, 0)])
	case matchBackslashPath(w, 0) > 0:
		x.path(w[:matchBackslashPath(w, 0)])
	case x.remote(w):
	case strings.HasPrefix(w, "/dev/tcp/") || strings.HasPrefix(w, "/dev/udp/"):
		x.devTCP(w)
	case x.unixPath(w, standalone):
	default:
		if !x.scan(w) && standalone && isFileName(w) {
			add(&x.in.FilePaths, w)
		}
	}
}

func (x *extractor) urls(w string) {
	for i := 0; i < len(w); i++ {
		if !boundary(w, i) {
			continue
		}
		if end := matchURL(w, i); end > 0 {
			u := w[i:end]
			add(&x.in.URLs, u)
			h, p := urlHost(u)
			x.host(h)
			add(&x.in.Ports, p)
			i = end - 1
		}
	}
}

// keyValue handles key=value words (if=/dev/sda, --out=x) by examining
// the value.
func (x *extractor) keyValue(w string, standalone bool) bool {
	eq := strings.IndexByte(w, '=')
	if eq <= 0 || eq == len(w)-1 || !isAssignment(strings.TrimLeft(w, "-")) {
		return false
	}
	x.word(w[eq+1:], standalone)
	return true
}

// remote handles user@host[:path] and host:/path (scp, rsync, git).
func (x *extractor) remote(w string) bool {
	at := strings.IndexByte(w, '@')
	hostStart := at + 1
	if at <= 0 {
		hostStart = 0
	}
	rest := w[hostStart:]
	c := strings.IndexByte(rest, ':')
	host, path := rest, ""
	if c >= 0 {
		host, path = rest[:c], rest[c+1:]
	}
	if host == "" || !isHostName(host) && matchIPv6(host, 0) != len(host) {
		return false
	}
	switch {
	case at > 0 && c < 0 && matchEmail(w, 0) == len(w):
		add(&x.in.Emails, w)
		return true
	case at > 0 && c < 0 && (strings.IndexByte(host, '.') > 0 || remoteTools.has(x.exe)):
	case c > 1 && path != "" && (path[0] == '/' || path[0] == '~' || at > 0):
	default:
		return false
	}
	add(&x.in.RemoteTargets, w)
	x.host(host)
	if path != "" && (path[0] == '/' || path[0] == '~') {
		add(&x.in.FilePaths, path)
	}
	return true
}

// devTCP handles bash's /dev/tcp/host/port.
func (x *extractor) devTCP(w string) {
	add(&x.in.FilePaths, w)
	parts := strings.SplitN(w[len("/dev/tcp/"):], "/", 2)
	x.host(parts[0])
	if len(parts) == 2 {
		add(&x.in.Ports, digitsOnly(parts[1]))
	}
}

func (x *extractor) unixPath(w string, standalone bool) bool {
	end, segs := matchUnixPath(w, 0)
	if end != len(w) || segs == 0 {
		return false
	}
	if w[0] != '/' && w[0] != '~' && w[0] != '.' && (!standalone || isFileName(w) && segs < 2) {
		return false
	}
	add(&x.in.FilePaths, w)
	return true
}

// scan looks for addresses, host names and hashes inside a word and
// reports whether it found any.
func (x *extractor) scan(w string) bool {
	found := false
	for i := 0; i < len(w); i++ {
		if !boundary(w, i) {
			continue
		}
		end, kind := 0, 0
		if end = matchIPv4(w, i); end > 0 {
			kind = 1
		} else if end = matchIPv6(w, i); end > 0 {
			kind = 1
		} else if end = matchHash(w, i); end > 0 {
			kind = 2
		} else if end = matchDomain(w, i); end > 0 {
			kind = 3
		}
		if kind == 0 {
			continue
		}
		found = true
		switch kind {
		case 1:
			add(&x.in.IPs, w[i:end])
		case 2:
			add(&x.in.Hashes, ascii.Lower(w[i:end]))
		case 3:
			add(&x.in.Domains, ascii.Lower(w[i:end]))
		}
		if kind != 2 && end+1 < len(w) && w[end] == ':' {
			e := end + 1
			for e < len(w) && isDigit(w[e]) {
				e++
			}
			add(&x.in.Ports, digitsOnly(w[end+1:e]))
		}
		i = end - 1
	}
	return found
}

// isFileName reports name.ext with a known file extension.
func isFileName(w string) bool {
	dot := strings.LastIndexByte(w, '.')
	if dot <= 0 || dot == len(w)-1 || w[0] == '-' || strings.ContainsAny(w, "=$%()") {
		return false
	}
	return fileExts.has(ascii.Lower(w[dot+1:]))
}
