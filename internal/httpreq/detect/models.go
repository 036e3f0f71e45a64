package detect

import (
	"encoding/json"
	"fmt"
	"io/fs"

	"github.com/vigilsec/vigil/internal/httpreq/features"
	"github.com/vigilsec/vigil/internal/ml/artifact"
	"github.com/vigilsec/vigil/internal/ml/charlm"
	"github.com/vigilsec/vigil/internal/ml/linear"
	"github.com/vigilsec/vigil/internal/ml/nn"
)

// Artifact paths inside a models directory.
const (
	BinaryPath  = "http/binary.vgm"
	TypePath    = "http/type.vgm"
	CNNPath     = "http/cnn.vgm"
	AnomalyPath = "http/anomaly.vgm"
)

// Feature schemas. Changing one changes its hash, and shipped artifacts
// then refuse to load until retrained.
var (
	BinarySchema = features.NewSchema("http-binary", 18, 10)
	TypeSchema   = features.NewSchema("http-type", 16, 10)
	// TextSchemaHash names the raw decoded text the CNN and the anomaly
	// model read.
	TextSchemaHash = "http-text-v1/max" + fmt.Sprint(features.MaxTextBytes)
)

// Classes of the binary model.
var Classes = []string{"normal", "attack"}

// Models are the trained HTTP models.
type Models struct {
	Binary  *linear.Model
	Type    *linear.Model
	Types   []string
	CNN     *nn.ByteCNN // nil: linear model alone
	Anomaly *charlm.Model
	// Profile holds the methods normal traffic uses per path (nil: none).
	Profile *Profile
	Combine Combine
	Meta    map[string]string // the binary artifact's metadata
}

// LoadModels reads the models from fsys (a models directory or the
// embedded set), checking each against the schema this build computes.
func LoadModels(fsys fs.FS) (*Models, error) {
	ba, err := open(fsys, BinaryPath, BinarySchema.Hash())
	if err != nil {
		return nil, err
	}
	m := &Models{Meta: ba.Metadata, Combine: DefaultCombine()}
	if m.Binary, err = linearOf(ba, BinarySchema); err != nil {
		return nil, fmt.Errorf("load %s: %w", BinaryPath, err)
	}
	if s := ba.Meta("combine"); s != "" {
		if err := json.Unmarshal([]byte(s), &m.Combine); err != nil {
			return nil, fmt.Errorf("load %s: combine: %w", BinaryPath, err)
		}
	}
	if err := m.Combine.Validate(); err != nil {
		return nil, fmt.Errorf("load %s: %w", BinaryPath, err)
	}
	ta, err := open(fsys, TypePath, TypeSchema.Hash())
	if err != nil {
		return nil, err
	}
	if m.Type, err = linearOf(ta, TypeSchema); err != nil {
		return nil, fmt.Errorf("load %s: %w", TypePath, err)
	}
	m.Types = ta.Classes
	return m, m.loadText(fsys)
}

// loadText reads the CNN (optional) and the anomaly model.
func (m *Models) loadText(fsys fs.FS) error {
	aa, err := open(fsys, AnomalyPath, TextSchemaHash)
	if err != nil {
		return err
	}
	if m.Anomaly, err = charlm.FromArtifact(aa); err != nil {
		return fmt.Errorf("load %s: %w", AnomalyPath, err)
	}
	if m.Profile, err = parseProfile(aa.Meta("profile")); err != nil {
		return fmt.Errorf("load %s: %w", AnomalyPath, err)
	}
	if _, err := fs.Stat(fsys, CNNPath); err != nil {
		m.Combine.Weight = 1
		return nil
	}
	ca, err := open(fsys, CNNPath, TextSchemaHash)
	if err != nil {
		return err
	}
	if m.CNN, err = nn.FromArtifact(ca); err != nil {
		return fmt.Errorf("load %s: %w", CNNPath, err)
	}
	if m.CNN.K != 2 {
		return fmt.Errorf("load %s: %d classes, want 2", CNNPath, m.CNN.K)
	}
	return nil
}

func open(fsys fs.FS, path, schema string) (*artifact.Artifact, error) {
	f, err := fsys.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load model %q: %w", path, err)
	}
	defer f.Close()
	a, err := artifact.Load(f, schema)
	if err != nil {
		return nil, fmt.Errorf("load model %q: %w", path, err)
	}
	return a, nil
}

func linearOf(a *artifact.Artifact, s features.Schema) (*linear.Model, error) {
	m, err := linear.FromArtifact(a)
	if err != nil {
		return nil, err
	}
	if m.Dim != s.Dim() {
		return nil, fmt.Errorf("%d features, schema has %d", m.Dim, s.Dim())
	}
	return m, nil
}
