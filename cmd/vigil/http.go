package main

import (
	"fmt"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/vigilsec/vigil/internal/httpreq/detect"
)

func init() { subcommands = append(subcommands, newHTTPCmd) }

// httpSubcommands are added by the files that define them.
var httpSubcommands []func() *cobra.Command

func newHTTPCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "http",
		Short: "Detect attacks in HTTP requests (access logs, raw requests)",
		Long: `http runs the HTTP request detector: normalisation (repeated URL decoding,
HTML entities, %uXXXX, overlong UTF-8, SQL comments ...), a linear n-gram
model and a byte-level CNN for attack/normal, an attack-type model, and an
anomaly model trained on normal traffic only.

Examples:
  echo '{"method":"GET","path":"/search","query":"q=1'"'"' OR '"'"'1'"'"'='"'"'1"}' | vigil http scan
  vigil http scan --input clf --format table < /var/log/nginx/access.log
  zcat requests.txt.gz | vigil http scan --input raw`,
	}
	for _, f := range httpSubcommands {
		c.AddCommand(f())
	}
	return c
}

// httpDetectorFlags are the flags of the subcommands that run the HTTP
// detector.
type httpDetectorFlags struct{ models string }

func (d *httpDetectorFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&d.models, "models", "", "models directory holding http/*.vgm (default: the models built into the binary)")
}

func (d *httpDetectorFlags) load() (*detect.Detector, error) {
	fsys, err := modelsFS(d.models)
	if err != nil {
		return nil, err
	}
	m, err := detect.LoadModels(fsys)
	if err != nil {
		return nil, fmt.Errorf("load HTTP models: %w", err)
	}
	return detect.New(m)
}
