package parse

import (
	"strings"
	"unicode/utf8"

	"github.com/vigilsec/vigil/internal/ascii"
)

// Parse parses one command line. It never panics, reads at most MaxInput
// bytes of line, and runs in time linear in that (times MaxDepth).
func Parse(line string) *Command {
	c := &Command{Raw: line, Platform: "unknown"}
	text := line
	if len(text) > MaxInput {
		text, c.Truncated = cutRunes(text, MaxInput), true
	}
	text = sanitize(text)
	c.Normalized = collapseSpace(text)
	d := detectDialect(c.Normalized)
	c.Shell = d.String()
	c.parseStructure(text, d, 0)
	c.setFirst()
	c.extract(d)
	c.Platform = platform(c, d)
	c.Residual = residual(c.Normalized)
	return c
}

// parseStructure tokenises text and fills segments, operators, subshells,
// interpreters, inline code and LOLBins. Nested code (subshells, bash -c
// '...') is parsed again at depth+1 into c.Inner.
func (c *Command) parseStructure(text string, d dialect, depth int) {
	toks, subs := lex(text, d)
	st := split(toks, d)
	if depth == 0 {
		c.Segments, c.Pipes, c.Chains, c.Redirects = st.segs, st.pipes, st.chains, st.redirs
		c.Background = st.background
	} else {
		c.Inner = append(c.Inner, st.segs...)
	}
	c.Subshells = append(c.Subshells, subs...)
	for k := range st.segs {
		c.inspect(&st.segs[k], st.words[k], depth)
	}
	for _, s := range subs {
		c.nested(s, depth)
	}
}

// nested parses code found inside the line, up to MaxDepth.
func (c *Command) nested(code string, depth int) {
	if depth+1 > MaxDepth || strings.TrimSpace(code) == "" {
		return
	}
	c.parseStructure(code, detectDialect(code), depth+1)
}

// inspect records a segment's interpreter, inline code and LOLBin use and
// parses the code it carries.
func (c *Command) inspect(seg *Segment, words []token, depth int) {
	exe := seg.Executable
	if lolbins.has(exe) {
		add(&c.LOLBins, exe)
	}
	fam, isInterp := interpreters[exe]
	if isInterp {
		add(&c.Interpreters, fam)
	}
	rest := afterExe(words, exe)
	for k, t := range rest {
		switch {
		case isInterp && isInlineFlag(fam, t.val):
			c.InlineCode = true
			if !isEncodedFlag(fam, t.val) {
				c.nested(inlineCode(fam, rest[k+1:]), depth)
			}
			return
		case isFlag(t.val, true):
		default:
			c.argCode(t.val, depth)
		}
	}
}

// argCode looks at one argument: an interpreter name (docker exec db
// bash) is a marker, and a quoted command line starting with an
// interpreter or LOLBin ("cmd.exe /c whoami") is parsed as code.
func (c *Command) argCode(v string, depth int) {
	first, _, multi := strings.Cut(strings.TrimSpace(v), " ")
	name := normExe(first)
	fam, ok := interpreters[name]
	if ok {
		add(&c.Interpreters, fam)
	}
	if multi && (ok || lolbins.has(name) || windowsExes.has(name)) {
		c.nested(v, depth)
	}
}

func afterExe(words []token, exe string) []token {
	for k, t := range words {
		if normExe(strings.TrimPrefix(t.val, "@")) == exe {
			return words[k+1:]
		}
	}
	return nil
}

// isInlineFlag reports a flag that introduces code for the family.
// PowerShell takes any prefix of -Command or -EncodedCommand (but -e*
// other than -e, -ec and -en... is -ExecutionPolicy).
func isInlineFlag(fam, f string) bool {
	if fam == "powershell" {
		return isPSCommandFlag(f) || isEncodedFlag(fam, f)
	}
	if fam == "cmd" {
		f = ascii.Lower(f)
	}
	return inlineFlags[fam].has(f)
}

func isPSCommandFlag(f string) bool {
	n := psFlagName(f)
	return n != "" && strings.HasPrefix("command", n)
}

func isEncodedFlag(fam, f string) bool {
	if fam != "powershell" {
		return false
	}
	n := psFlagName(f)
	return n == "e" || n == "ec" || len(n) >= 2 && n[1] == 'n' && strings.HasPrefix("encodedcommand", n)
}

func psFlagName(f string) string {
	if len(f) < 2 || f[0] != '-' && f[0] != '/' {
		return ""
	}
	return ascii.Lower(strings.TrimLeft(f, "-/"))
}

// inlineCode is the code after an inline flag: the next word for sh-like
// shells, the rest of the line for cmd and PowerShell.
func inlineCode(fam string, rest []token) string {
	if len(rest) == 0 {
		return ""
	}
	switch fam {
	case "cmd", "powershell":
		vals := make([]string, len(rest))
		for k, t := range rest {
			vals[k] = t.val
		}
		return strings.Join(vals, " ")
	case "bash", "sh", "zsh", "ksh", "csh", "fish":
		return rest[0].val
	}
	return ""
}

// setFirst copies the first segment's description to the top level.
func (c *Command) setFirst() {
	c.Flags, c.Args = []string{}, []string{}
	if len(c.Segments) == 0 {
		return
	}
	s := c.Segments[0]
	c.Executable, c.Subcommand, c.Flags, c.Args = s.Executable, s.Subcommand, s.Flags, s.Args
}

func (c *Command) extract(d dialect) {
	x := extractor{in: &c.Indicators, win: d != dialectSh}
	for k := range c.Segments {
		x.segment(&c.Segments[k])
	}
	c.Indicators.nonNil()
}

func (in *Indicators) nonNil() {
	for _, p := range []*[]string{&in.URLs, &in.IPs, &in.Domains, &in.Ports, &in.FilePaths,
		&in.RegistryKeys, &in.Emails, &in.Hashes, &in.RemoteTargets} {
		if *p == nil {
			*p = []string{}
		}
	}
}

// cutRunes cuts s to at most n bytes without splitting a UTF-8 sequence.
func cutRunes(s string, n int) string {
	for n > 0 && n < len(s) && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// sanitize replaces invalid UTF-8 bytes with '?' and control bytes (NUL
// included) other than tab and newline with a space, byte for byte, so
// offsets and lengths are kept. It allocates only when it changes s.
func sanitize(s string) string {
	clean := true
	for i := 0; i < len(s) && clean; i++ {
		clean = s[i] >= 0x20 && s[i] < 0x7f || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'
	}
	if clean || utf8.ValidString(s) && !hasControl(s) {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			b = append(b, '?')
		case r < 0x20 && r != '\t' && r != '\n' || r == 0x7f:
			b = append(b, ' ')
		default:
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return string(b)
}

func hasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\t' && c != '\n' || c == 0x7f {
			return true
		}
	}
	return false
}

// collapseSpace trims s and turns every run of whitespace into one space.
// It allocates only when that changes s.
func collapseSpace(s string) string {
	if !needsCollapse(s) {
		return s
	}
	b := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); i++ {
		if isSpace(s[i]) {
			space = true
			continue
		}
		if space && len(b) > 0 {
			b = append(b, ' ')
		}
		space = false
		b = append(b, s[i])
	}
	return string(b)
}

func needsCollapse(s string) bool {
	if s == "" {
		return false
	}
	if isSpace(s[0]) || isSpace(s[len(s)-1]) {
		return true
	}
	for i := 0; i < len(s); i++ {
		if isSpace(s[i]) && (s[i] != ' ' || isSpace(s[i+1])) {
			return true
		}
	}
	return false
}
