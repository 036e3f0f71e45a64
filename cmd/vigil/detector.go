package main

import (
	"fmt"
	"io/fs"
	"os"

	"github.com/vigilsec/vigil/internal/command/detect"
	"github.com/vigilsec/vigil/models"
)

// modelsFS returns the models directory to load: dir when set, else the
// artifacts embedded in the binary.
func modelsFS(dir string) (fs.FS, error) {
	if dir == "" {
		return models.FS, nil
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("--models %q: not a directory (it should hold command/tier1.vgm and command/tier2.vgm)", dir)
	}
	return os.DirFS(dir), nil
}

// newDetector loads the rules and models and returns the command detector.
func newDetector(modelsDir string, ruleFiles []string) (*detect.Detector, error) {
	an, err := newAnalyzer(false, ruleFiles)
	if err != nil {
		return nil, err
	}
	fsys, err := modelsFS(modelsDir)
	if err != nil {
		return nil, err
	}
	m, err := detect.LoadModels(fsys)
	if err != nil {
		return nil, err
	}
	opts := detect.DefaultOptions()
	opts.Thresholds = m.Thresholds
	return detect.New(an, m, opts)
}
