package main

import (
	"github.com/spf13/cobra"
)

// subcommands are added by the files that define them (one file per
// subcommand), so main wires things together without knowing each one.
var subcommands []func() *cobra.Command

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "vigil",
		Short: "Detect malicious command lines and explain the verdict",
		Long: `vigil reads command lines (sh/bash, PowerShell, cmd.exe), undoes their
obfuscation, parses them, applies a declarative rule set and (with its models)
scores them Benign / Suspicious / Malicious with MITRE ATT&CK techniques.

Examples:
  vigil deobfuscate 'powershell -enc dwBoAG8AYQBtAGkA'
  echo 'c\at /etc/sha""dow' | vigil parse --format json
  vigil rules list
  vigil rules test my-rules.yaml`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	for _, f := range subcommands {
		root.AddCommand(f())
	}
	return root
}
