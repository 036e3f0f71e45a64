package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/vigilsec/vigil/internal/store"
)

func init() { subcommands = append(subcommands, newKeysCmd) }

func newKeysCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "keys",
		Short: "Create, list and revoke API keys",
		Long: `keys manages the API keys of vigil serve in its store (SQLite under
--data-dir, or VIGIL_DATABASE_URL). A key's secret is shown once, at
creation; the store keeps only its hash. Scopes: scan (POST /v1/scan and the
other scan routes, GET /v1/usage) and admin (alerts, allow rules, stats,
keys; admin implies scan).`,
	}
	c.AddCommand(newKeysCreateCmd(), newKeysListCmd(), newKeysRevokeCmd())
	return c
}

func newKeysCreateCmd() *cobra.Command {
	var sf storeFlags
	var nk store.NewKey
	var format string
	c := &cobra.Command{
		Use:   "create --name NAME [--scopes scan,admin] [--rate-limit N] [--format text|json]",
		Short: "Create an API key and print its secret (shown once)",
		Example: `  vigil keys create --name laptop
  vigil keys create --name soc --scopes scan,admin --rate-limit 600 --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(format, "text", "json"); err != nil {
				return err
			}
			return sf.withStore(cmd, func(st store.Store) error {
				k, secret, err := st.CreateKey(cmd.Context(), nk)
				if err != nil {
					return err
				}
				if format == "json" {
					return writeJSON(cmd.OutOrStdout(), createdKey{k, secret})
				}
				printCreatedKey(cmd.OutOrStdout(), k, secret)
				return nil
			})
		},
	}
	c.Flags().StringVar(&nk.Name, "name", "", "a name for the key, e.g. the client that uses it (required)")
	c.Flags().StringSliceVar(&nk.Scopes, "scopes", []string{store.ScopeScan}, "scopes: scan, admin (admin implies scan)")
	c.Flags().IntVar(&nk.RateLimit, "rate-limit", 0, "requests per minute (0: the server's default_rate_limit)")
	c.Flags().StringVar(&format, "format", "text", "output format: text or json")
	_ = c.MarkFlagRequired("name")
	sf.register(c.Flags(), true)
	return c
}

// createdKey is the JSON of a new key: the key's fields and its secret.
type createdKey struct {
	store.Key
	Secret string `json:"key"`
}

func printCreatedKey(w io.Writer, k store.Key, secret string) {
	fmt.Fprintf(w, "created API key %s (%s), scopes %s, rate limit %s\n", k.ID, k.Name, strings.Join(k.Scopes, ","), rateText(k.RateLimit))
	fmt.Fprintf(w, "secret (shown only now; send it as Authorization: Bearer <key>):\n%s\n", secret)
}

func rateText(n int) string {
	if n == 0 {
		return "server default"
	}
	return fmt.Sprintf("%d/min", n)
}

func newKeysListCmd() *cobra.Command {
	var sf storeFlags
	var format string
	c := &cobra.Command{
		Use:   "list [--format text|json]",
		Short: "List API keys (without secrets), revoked ones included",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(format, "text", "json"); err != nil {
				return err
			}
			return sf.withStore(cmd, func(st store.Store) error {
				keys, err := st.ListKeys(cmd.Context())
				if err != nil {
					return err
				}
				if format == "json" {
					return writeJSON(cmd.OutOrStdout(), keys)
				}
				return printKeys(cmd.OutOrStdout(), keys)
			})
		},
	}
	c.Flags().StringVar(&format, "format", "text", "output format: text or json")
	sf.register(c.Flags(), true)
	return c
}

func printKeys(w io.Writer, keys []store.Key) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tPREFIX\tSCOPES\tRATE LIMIT\tCREATED\tREVOKED")
	for _, k := range keys {
		revoked := "-"
		if k.Revoked() {
			revoked = k.RevokedAt.Format(time.RFC3339)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", k.ID, k.Name, k.Prefix, strings.Join(k.Scopes, ","),
			rateText(k.RateLimit), k.CreatedAt.Format(time.RFC3339), revoked)
	}
	return tw.Flush()
}

func newKeysRevokeCmd() *cobra.Command {
	var sf storeFlags
	c := &cobra.Command{
		Use:   "revoke ID",
		Short: "Revoke an API key (a running server refuses it within auth_cache_ttl)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return sf.withStore(cmd, func(st store.Store) error {
				if err := st.RevokeKey(cmd.Context(), args[0]); err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "revoked API key %s\n", args[0])
				return nil
			})
		},
	}
	sf.register(c.Flags(), true)
	return c
}
