package detect

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"slices"

	"github.com/vigilsec/vigil/internal/command/features"
	"github.com/vigilsec/vigil/internal/ml/artifact"
	"github.com/vigilsec/vigil/internal/ml/linear"
)

// Artifact paths inside a models directory.
const (
	Tier1Path = "command/tier1.vgm"
	Tier2Path = "command/tier2.vgm"
)

// Feature schemas of the two tiers. Changing either changes its hash, and
// shipped artifacts then refuse to load until retrained.
var (
	Tier1Schema = features.NewSchema("command-tier1", 18, 12)
	Tier2Schema = features.NewSchema("command-tier2", 17, 12)
)

// Models are the two trained tiers.
type Models struct {
	Tier1 *linear.Model
	Tier2 *linear.Model
	// Techniques are Tier 2's class names (parent ATT&CK ids).
	Techniques []string
	// Meta is Tier 1's artifact metadata (training data, metrics).
	Meta map[string]string
	// Thresholds are the router thresholds tuned with Tier 1 (the
	// defaults when the artifact has none).
	Thresholds Thresholds
}

// LoadModels reads both tiers from fsys (a models directory or the
// embedded set), checking each against the schema this build computes.
func LoadModels(fsys fs.FS) (*Models, error) {
	t1, err := loadLinear(fsys, Tier1Path, Tier1Schema)
	if err != nil {
		return nil, err
	}
	if !slices.Equal(t1.classes, Labels[:]) {
		return nil, fmt.Errorf("load %s: classes %v, want %v", Tier1Path, t1.classes, Labels)
	}
	t2, err := loadLinear(fsys, Tier2Path, Tier2Schema)
	if err != nil {
		return nil, err
	}
	m := &Models{Tier1: t1.m, Tier2: t2.m, Techniques: t2.classes, Meta: t1.meta, Thresholds: DefaultThresholds()}
	if s := t1.meta["thresholds"]; s != "" {
		if err := json.Unmarshal([]byte(s), &m.Thresholds); err != nil {
			return nil, fmt.Errorf("load %s: thresholds: %w", Tier1Path, err)
		}
		if err := m.Thresholds.Validate(); err != nil {
			return nil, fmt.Errorf("load %s: %w", Tier1Path, err)
		}
	}
	return m, nil
}

type loaded struct {
	m       *linear.Model
	classes []string
	meta    map[string]string
}

func loadLinear(fsys fs.FS, path string, s features.Schema) (loaded, error) {
	f, err := fsys.Open(path)
	if err != nil {
		return loaded{}, fmt.Errorf("load model %q: %w", path, err)
	}
	defer f.Close()
	a, err := artifact.Load(f, s.Hash())
	if err != nil {
		return loaded{}, fmt.Errorf("load model %q: %w", path, err)
	}
	m, err := linear.FromArtifact(a)
	if err != nil {
		return loaded{}, fmt.Errorf("load model %q: %w", path, err)
	}
	if m.Dim != s.Dim() {
		return loaded{}, fmt.Errorf("load model %q: %d features, schema has %d", path, m.Dim, s.Dim())
	}
	return loaded{m, a.Classes, a.Metadata}, nil
}
