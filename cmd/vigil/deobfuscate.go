package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/vigilsec/vigil/internal/deobfuscate"
)

func init() { subcommands = append(subcommands, newDeobfuscateCmd) }

func newDeobfuscateCmd() *cobra.Command {
	var format string
	var maxInput int
	var list bool
	c := &cobra.Command{
		Use:   "deobfuscate [--format text|json] [COMMAND]",
		Short: "Undo encodings and string tricks in a command line",
		Long: `deobfuscate decodes PowerShell -EncodedCommand, Base64, compression, format
strings, concatenation, character codes, cmd.exe carets and variables, and
sh/bash escapes, in passes until nothing changes or a limit is hit.

The command line is taken from the arguments, or from stdin when there are
none. The JSON form has "deobfuscated", "changed" and "steps" (each with the
transform, a before/after excerpt), plus "stop" and, when a hard limit ended
the loop, "limit".

Examples:
  vigil deobfuscate 'powershell -enc dwBoAG8AYQBtAGkA'
  vigil deobfuscate --format json 'c^m^d /c "w^h^o^a^m^i"'
  cat script.ps1 | vigil deobfuscate --max-input 262144`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format, "text", "json"); err != nil {
				return err
			}
			if list {
				return listTransforms(cmd, format)
			}
			in, err := commandArg(cmd, args)
			if err != nil {
				return err
			}
			lim := deobfuscate.DefaultLimits()
			if maxInput > 0 {
				lim.MaxInput = maxInput
			}
			res := deobfuscate.RunLimits(in, lim)
			if format == "json" {
				return writeJSON(cmd.OutOrStdout(), res)
			}
			return printDeobfuscation(cmd, res)
		},
	}
	// Flags go before the command line, so its own flags (powershell -enc ...)
	// need no quoting: vigil deobfuscate powershell -enc ZABpAHIA
	c.Flags().SetInterspersed(false)
	c.Flags().StringVar(&format, "format", "text", "output format: text or json")
	c.Flags().IntVar(&maxInput, "max-input", 0, "largest input in bytes (default 65536)")
	c.Flags().BoolVar(&list, "list", false, "list the transforms in pipeline order and exit")
	return c
}

func printDeobfuscation(cmd *cobra.Command, res deobfuscate.Result) error {
	w := cmd.OutOrStdout()
	fmt.Fprintln(w, res.Deobfuscated)
	for _, s := range res.Steps {
		fmt.Fprintf(cmd.ErrOrStderr(), "  pass %d  %-28s %s\n", s.Pass, s.Transform, s.After)
	}
	if res.Limit != "" {
		fmt.Fprintf(cmd.ErrOrStderr(), "  stopped by limit: %s\n", res.Limit)
	}
	return nil
}

func listTransforms(cmd *cobra.Command, format string) error {
	type row struct {
		Name string `json:"name"`
		Lang string `json:"lang"`
	}
	var rows []row
	for _, t := range deobfuscate.Transforms() {
		rows = append(rows, row{t.Name, t.Lang})
	}
	if format == "json" {
		return writeJSON(cmd.OutOrStdout(), rows)
	}
	for i, r := range rows {
		fmt.Fprintf(cmd.OutOrStdout(), "%2d  %-11s %s\n", i+1, r.Lang, r.Name)
	}
	return nil
}
