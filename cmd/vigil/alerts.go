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

func init() { subcommands = append(subcommands, newAlertsCmd) }

func newAlertsCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "alerts",
		Short: "Read the alerts vigil serve stored",
	}
	c.AddCommand(newAlertsListCmd())
	return c
}

type alertsListOptions struct {
	f            store.AlertFilter
	since, until string
	format       string
	store        storeFlags
}

func newAlertsListCmd() *cobra.Command {
	var o alertsListOptions
	c := &cobra.Command{
		Use:   "list [--label L] [--technique T] [--status S] [--since T] [--until T] [--limit N] [--format text|json]",
		Short: "List alerts, newest first",
		Long: `list prints one page of alerts from the store, newest first. --since and
--until take an RFC 3339 time or a duration back from now (24h, 15m). When
more alerts match, the last line gives the --cursor of the next page.

Examples:
  vigil alerts list --label Malicious --since 24h
  vigil alerts list --technique T1059 --status new --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(o.format, "text", "json"); err != nil {
				return err
			}
			if err := o.times(time.Now()); err != nil {
				return err
			}
			return o.store.withStore(cmd, func(st store.Store) error {
				page, err := st.ListAlerts(cmd.Context(), o.f)
				if err != nil {
					return err
				}
				if o.format == "json" {
					return writeJSON(cmd.OutOrStdout(), page)
				}
				return printAlerts(cmd.OutOrStdout(), page)
			})
		},
	}
	fs := c.Flags()
	fs.StringVar(&o.f.Label, "label", "", "Benign, Suspicious or Malicious")
	fs.StringVar(&o.f.Technique, "technique", "", "ATT&CK id; a parent id also matches its sub-techniques")
	fs.StringVar(&o.f.Status, "status", "", "new, acknowledged or false_positive")
	fs.StringVar(&o.f.Detector, "detector", "", "the detector, e.g. command")
	fs.StringVar(&o.since, "since", "", "alerts created at or after: RFC 3339 time or duration back from now")
	fs.StringVar(&o.until, "until", "", "alerts created before: RFC 3339 time or duration back from now")
	fs.IntVar(&o.f.Limit, "limit", store.DefaultLimit, fmt.Sprintf("page size, at most %d", store.MaxLimit))
	fs.StringVar(&o.f.Cursor, "cursor", "", "the cursor printed after the previous page")
	fs.StringVar(&o.format, "format", "text", "output format: text or json")
	o.store.register(fs, true)
	return c
}

// times parses --since and --until.
func (o *alertsListOptions) times(now time.Time) error {
	var err error
	if o.f.Since, err = parseWhen("--since", o.since, now); err != nil {
		return err
	}
	o.f.Until, err = parseWhen("--until", o.until, now)
	return err
}

// parseWhen reads an RFC 3339 time or a duration back from now.
func parseWhen(flag, s string, now time.Time) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if d, err := time.ParseDuration(s); err == nil && d > 0 {
		return now.Add(-d), nil
	}
	return time.Time{}, fmt.Errorf("%s %q: want an RFC 3339 time or a duration such as 24h", flag, s)
}

func printAlerts(w io.Writer, page store.AlertPage) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tCREATED\tLABEL\tCONF\tSTATUS\tTECHNIQUES\tSUBJECT")
	for _, a := range page.Alerts {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%.2f\t%s\t%s\t%s\n", a.ID, a.CreatedAt.Format(time.RFC3339), a.Label, a.Confidence,
			a.Status, orDash(strings.Join(a.Techniques, ",")), clip(oneLine(a.Subject), 80))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if page.NextCursor != "" {
		_, err := fmt.Fprintf(w, "more: --cursor %s\n", page.NextCursor)
		return err
	}
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
