// Package parse tokenises command lines for sh/bash, PowerShell and cmd.exe
// and extracts what detection needs from them: per-segment executable,
// subcommand, flags and arguments; operators; indicators (URLs, IPs,
// domains, ports, paths, registry keys, e-mail addresses, hashes); a
// platform guess; and a normalised residual text with placeholders that
// models can learn from without memorising values.
package parse

// Command is the parsed form of one command line.
type Command struct {
	Raw        string `json:"raw_command"`
	Normalized string `json:"normalized_command"`
	// Truncated is set when the line was longer than MaxInput; only the
	// first MaxInput bytes were parsed.
	Truncated bool `json:"truncated,omitempty"`
	// Platform is "linux", "windows" or "unknown".
	Platform string `json:"platform"`
	// Shell is the dialect used to tokenise: "sh", "powershell" or "cmd".
	Shell string `json:"shell"`

	// Executable, Subcommand, Flags and Args describe the first segment;
	// Segments holds every segment in order.
	Executable string    `json:"executable"`
	Subcommand string    `json:"subcommand"`
	Flags      []string  `json:"flags"`
	Args       []string  `json:"positional_args"`
	Segments   []Segment `json:"segments"`
	// Inner holds the segments parsed out of subshells ($(...), `...`,
	// PowerShell $(...), (...) and {...}) and inline code (bash -c,
	// cmd /c, powershell -command, quoted "cmd.exe /c ..." arguments),
	// flattened, nesting bounded by MaxDepth.
	Inner []Segment `json:"inner_segments,omitempty"`
	// Background is set when an sh line ends with "&".
	Background bool `json:"background,omitempty"`

	Pipes     []string `json:"pipe_operators"`
	Redirects []string `json:"redirect_operators"`
	Chains    []string `json:"chain_operators"`
	// Subshells holds the text of $(...), `...`, (...) and PowerShell
	// $(...) / {...} script blocks found in the line.
	Subshells []string `json:"subshells"`

	Indicators Indicators `json:"indicators"`

	InlineCode   bool     `json:"inline_code"`
	Interpreters []string `json:"interpreter_markers"`
	LOLBins      []string `json:"lolbin_matches"`

	// Residual is the normalised text with <URL>, <IP>, <PATH>, <B64> ...
	// placeholders.
	Residual string `json:"residual"`
}

// Segment is one simple command in a pipeline or chain.
type Segment struct {
	Executable string   `json:"executable"`
	Subcommand string   `json:"subcommand,omitempty"`
	Flags      []string `json:"flags"`
	Args       []string `json:"args"`
	Tokens     []string `json:"tokens"`
	// Wrappers are the prefixes that run Executable (sudo, nohup, env,
	// time, exec, xargs, PowerShell's call operator &), in order.
	Wrappers []string `json:"wrappers,omitempty"`
	// RedirectTargets are the files the segment's redirects name.
	RedirectTargets []string `json:"redirect_targets,omitempty"`
	// Operator is the operator that follows this segment ("|", "&&",
	// "||", ";", "&") or "" for the last one.
	Operator string `json:"operator,omitempty"`
}

// Indicators are the observables found in a command line.
type Indicators struct {
	URLs         []string `json:"urls"`
	IPs          []string `json:"ips"`
	Domains      []string `json:"domains"`
	Ports        []string `json:"ports"`
	FilePaths    []string `json:"file_paths"`
	RegistryKeys []string `json:"registry_paths"`
	Emails       []string `json:"emails"`
	Hashes       []string `json:"hashes"`
	// RemoteTargets are user@host, host:path and UNC targets.
	RemoteTargets []string `json:"remote_targets"`
}

// Field returns the values of a named field, for rules that match on parsed
// fields. Names are the JSON names above plus "executables" (every
// segment's executable, inner segments included), "subcommands" and
// "tokens" (also over inner segments). Unknown names return nil.
func (c *Command) Field(name string) []string {
	switch name {
	case "executable":
		return nonEmpty(c.Executable)
	case "executables":
		return c.collect(func(s Segment) []string { return nonEmpty(s.Executable) })
	case "subcommand", "subcommands":
		return c.collect(func(s Segment) []string { return nonEmpty(s.Subcommand) })
	case "flags":
		return c.collect(func(s Segment) []string { return s.Flags })
	case "args", "positional_args":
		return c.collect(func(s Segment) []string { return s.Args })
	case "tokens":
		return c.collect(func(s Segment) []string { return s.Tokens })
	case "platform":
		return nonEmpty(c.Platform)
	case "shell":
		return nonEmpty(c.Shell)
	case "residual":
		return nonEmpty(c.Residual)
	case "pipe_operators":
		return c.Pipes
	case "redirect_operators":
		return c.Redirects
	case "chain_operators":
		return c.Chains
	case "interpreter_markers":
		return c.Interpreters
	case "lolbin_matches":
		return c.LOLBins
	}
	return c.Indicators.field(name)
}

func (in *Indicators) field(name string) []string {
	switch name {
	case "urls":
		return in.URLs
	case "ips":
		return in.IPs
	case "domains":
		return in.Domains
	case "ports":
		return in.Ports
	case "file_paths":
		return in.FilePaths
	case "registry_paths":
		return in.RegistryKeys
	case "emails":
		return in.Emails
	case "hashes":
		return in.Hashes
	case "remote_targets":
		return in.RemoteTargets
	}
	return nil
}

// FieldNames lists the names Field accepts, for rule validation.
var FieldNames = []string{
	"executable", "executables", "subcommand", "subcommands", "flags", "args", "positional_args",
	"tokens", "platform", "shell", "residual", "pipe_operators", "redirect_operators",
	"chain_operators", "interpreter_markers", "lolbin_matches", "urls", "ips", "domains",
	"ports", "file_paths", "registry_paths", "emails", "hashes", "remote_targets",
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

// collect gathers f over the outer segments, then the inner ones.
func (c *Command) collect(f func(Segment) []string) []string {
	var out []string
	for _, s := range c.Segments {
		out = append(out, f(s)...)
	}
	for _, s := range c.Inner {
		out = append(out, f(s)...)
	}
	return out
}
