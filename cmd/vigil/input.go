package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
)

// maxStdinCommand bounds what a single-command subcommand reads from stdin;
// larger input is rejected rather than truncated, so nothing is lost
// silently.
const maxStdinCommand = 1 << 20

// commandArg returns the command line to work on: the arguments joined by
// spaces, or all of stdin when there are none.
func commandArg(cmd *cobra.Command, args []string) (string, error) {
	if len(args) > 0 {
		return strings.Join(args, " "), nil
	}
	b, err := io.ReadAll(io.LimitReader(cmd.InOrStdin(), maxStdinCommand+1))
	if err != nil {
		return "", fmt.Errorf("read stdin: %w", err)
	}
	if len(b) > maxStdinCommand {
		return "", fmt.Errorf("stdin is larger than %d bytes; pass one command line at a time", maxStdinCommand)
	}
	s := strings.TrimRight(string(b), "\r\n")
	if s == "" {
		return "", fmt.Errorf("no command given: pass it as an argument or on stdin")
	}
	return s, nil
}

// checkFormat validates a --format value against the allowed ones.
func checkFormat(f string, allowed ...string) error {
	for _, a := range allowed {
		if f == a {
			return nil
		}
	}
	return fmt.Errorf("--format %q: want one of %s", f, strings.Join(allowed, ", "))
}

// writeJSON writes v as indented JSON followed by a newline.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
