package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/vigilsec/vigil/internal/httpreq/detect"
	"github.com/vigilsec/vigil/internal/httpreq/training"
	"github.com/vigilsec/vigil/models"
)

// trainSiteAnomaly learns the anomaly model and endpoint profile from a
// site's normal traffic (--normal FILE) and writes a complete models
// directory: the new anomaly.vgm with the other HTTP artifacts copied from
// the embedded set where the directory has none.
func trainSiteAnomaly(cmd *cobra.Command, o trainHTTPOptions) error {
	rows, skipped, err := training.RequestRows(o.normal, training.Progress(stageProgress(cmd.ErrOrStderr(), o.quiet)))
	if err != nil {
		return fmt.Errorf("read %s: %w", o.normal, err)
	}
	s, err := training.TrainSiteAnomaly(rows, training.DefaultConfig())
	if err != nil {
		return fmt.Errorf("%s: %w", o.normal, err)
	}
	if err := s.Save(o.out, map[string]string{"data": filepath.Base(o.normal), "seed": strconv.FormatUint(o.seed, 10)}); err != nil {
		return err
	}
	for _, p := range []string{detect.BinaryPath, detect.TypePath, detect.CNNPath} {
		if err := copyEmbedded(p, filepath.Join(o.out, p)); err != nil {
			return err
		}
	}
	paths := 0
	if s.Profile != nil {
		paths = len(s.Profile.Methods)
	}
	fmt.Fprintf(cmd.OutOrStdout(), "anomaly model: %d requests counted, percentiles from %d, %d skipped lines; endpoint profile: %d paths\nwrote %s (use --models %s)\n",
		s.Train, s.Calib, skipped, paths, filepath.Join(o.out, detect.AnomalyPath), o.out)
	return nil
}

// copyEmbedded writes an embedded artifact to dst unless dst exists.
func copyEmbedded(name, dst string) error {
	if _, err := os.Stat(dst); err == nil {
		return nil
	}
	b, err := fs.ReadFile(models.FS, name)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return os.WriteFile(dst, b, 0o644)
}
