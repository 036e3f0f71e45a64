package features

import (
	"strconv"

	"github.com/vigilsec/vigil/internal/command"
	"github.com/vigilsec/vigil/internal/command/parse"
)

// maxTokenSegments bounds how many segments contribute executable tokens,
// so a line of ten thousand "a;" cannot make the token text huge.
const maxTokenSegments = 32

// AppendTokens appends the symbolic facts of an analysis to dst as
// space-separated words of [a-z0-9_] (the word tokeniser's alphabet) and
// returns the extended buffer.
func AppendTokens(dst []byte, a *command.Analysis) []byte {
	for _, h := range a.Rules {
		dst = word(dst, "rule", h.ID)
		dst = word(dst, "act", string(h.Action))
		for _, t := range h.Tags {
			dst = word(dst, "tag", t)
		}
	}
	dst = appendDeobfuscation(dst, a)
	dst = appendParsed(dst, "p", a.Parsed)
	if a.ParsedRaw != nil {
		dst = appendParsed(dst, "r", a.ParsedRaw)
	}
	return dst
}

func appendDeobfuscation(dst []byte, a *command.Analysis) []byte {
	d := &a.Deobfuscation
	if d.Obfuscated {
		dst = word(dst, "deob", "obfuscated")
	}
	if d.Changed {
		dst = word(dst, "deob", "changed")
	}
	for i, s := range d.Steps {
		if i == 0 || s.Transform != d.Steps[i-1].Transform {
			dst = word(dst, "step", s.Transform)
		}
	}
	for _, ind := range d.Indicators {
		dst = word(dst, "obf", ind)
	}
	if d.Limit != "" {
		dst = word(dst, "limit", d.Limit)
	}
	return dst
}

// appendParsed adds the structure of one parse; prefix tells the raw
// launcher's parse ("r") from the parse of what would run ("p").
func appendParsed(dst []byte, prefix string, c *parse.Command) []byte {
	if c == nil {
		return dst
	}
	dst = word(dst, prefix+"shell", c.Shell)
	dst = word(dst, prefix+"platform", c.Platform)
	for i, s := range c.Segments {
		if i == maxTokenSegments {
			break
		}
		dst = appendSegment(dst, prefix, s, i == 0)
	}
	for i, s := range c.Inner {
		if i == maxTokenSegments {
			break
		}
		dst = appendSegment(dst, prefix+"in", s, false)
	}
	dst = appendIndicators(dst, prefix, &c.Indicators)
	if c.InlineCode {
		dst = word(dst, prefix+"inline", "code")
	}
	for _, x := range c.Interpreters {
		dst = word(dst, prefix+"interp", x)
	}
	for _, x := range c.LOLBins {
		dst = word(dst, prefix+"lolbin", x)
	}
	for _, op := range c.Pipes {
		dst = word(dst, prefix+"pipe", opName(op))
	}
	for _, op := range c.Redirects {
		dst = word(dst, prefix+"redir", opName(op))
	}
	dst = word(dst, prefix+"segments", strconv.Itoa(min(len(c.Segments), 5)))
	return dst
}

func appendSegment(dst []byte, prefix string, s parse.Segment, first bool) []byte {
	if s.Executable == "" {
		return dst
	}
	dst = word(dst, prefix+"exe", s.Executable)
	if first {
		dst = word(dst, prefix+"first", s.Executable)
	}
	if s.Subcommand != "" {
		dst = word(dst, prefix+"sub", s.Executable+"_"+s.Subcommand)
	}
	for _, w := range s.Wrappers {
		dst = word(dst, prefix+"wrap", w)
	}
	for _, f := range s.Flags {
		if len(f) <= 24 {
			dst = word(dst, prefix+"flag", s.Executable+"_"+f)
		}
	}
	return dst
}

func appendIndicators(dst []byte, prefix string, in *parse.Indicators) []byte {
	kinds := []struct {
		name string
		n    int
	}{
		{"url", len(in.URLs)}, {"ip", len(in.IPs)}, {"domain", len(in.Domains)},
		{"port", len(in.Ports)}, {"path", len(in.FilePaths)}, {"regkey", len(in.RegistryKeys)},
		{"email", len(in.Emails)}, {"hash", len(in.Hashes)}, {"remote", len(in.RemoteTargets)},
	}
	for _, k := range kinds {
		if k.n > 0 {
			dst = word(dst, prefix+"ioc", k.name)
		}
	}
	return dst
}

// opName spells an operator in the token alphabet.
func opName(op string) string {
	switch op {
	case "|":
		return "pipe"
	case "||":
		return "or"
	case "&&":
		return "and"
	case ">", "1>":
		return "out"
	case ">>":
		return "append"
	case "<":
		return "in"
	case "2>", "2>&1", ">&", "&>":
		return "err"
	}
	return "other"
}

// word appends " kind_value" with value folded into [a-z0-9_] and capped
// at 48 bytes.
func word(dst []byte, kind, value string) []byte {
	if value == "" {
		return dst
	}
	if len(dst) > 0 {
		dst = append(dst, ' ')
	}
	dst = append(dst, kind...)
	dst = append(dst, '_')
	for i := 0; i < len(value) && i < 48; i++ {
		c := value[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		default:
			c = '_'
		}
		dst = append(dst, c)
	}
	return dst
}
