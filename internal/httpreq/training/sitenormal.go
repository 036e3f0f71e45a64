package training

import (
	"fmt"
	"github.com/vigilsec/vigil/internal/ml/artifact"
	"path/filepath"

	"github.com/vigilsec/vigil/internal/httpreq/dataset"
	"github.com/vigilsec/vigil/internal/httpreq/detect"
	"github.com/vigilsec/vigil/internal/ml/charlm"
)

// minSiteNormal is the fewest normal requests TrainSiteAnomaly accepts:
// fewer give percentiles too coarse to mean anything.
const minSiteNormal = 200

// SiteAnomaly is an anomaly model and endpoint profile learnt from one
// site's normal traffic.
type SiteAnomaly struct {
	Model   *charlm.Model
	Profile *detect.Profile
	Train   int // requests the n-gram model counted
	Calib   int // requests its percentiles were fitted on
}

// TrainSiteAnomaly learns the anomaly model and the endpoint profile from
// a site's own normal requests (labelled attack rows are left out): nine
// in ten train the n-gram model, every tenth fits its percentiles.
func TrainSiteAnomaly(rows []Row, cfg Config) (*SiteAnomaly, error) {
	var train, calib []string
	var pairs [][2]string
	for i, r := range rows {
		if r.Label == dataset.Attack {
			continue
		}
		pairs = append(pairs, [2]string{r.Req.Method, r.Req.Path})
		if i%10 == 9 {
			calib = append(calib, r.Text)
		} else {
			train = append(train, r.Text)
		}
	}
	if len(train)+len(calib) < minSiteNormal {
		return nil, fmt.Errorf("%d normal requests; at least %d are needed", len(train)+len(calib), minSiteNormal)
	}
	m, err := charlm.Train(train, cfg.Anomaly)
	if err != nil {
		return nil, err
	}
	m.Calibrate(calib)
	return &SiteAnomaly{Model: m, Profile: detect.NewProfile(pairs), Train: len(train), Calib: len(calib)}, nil
}

// Save writes dir/http/anomaly.vgm.
func (s *SiteAnomaly) Save(dir string, meta map[string]string) error {
	a := s.Model.Artifact(detect.TextSchemaHash)
	a.Metadata = withMeta(meta, a.Metadata)
	if s.Profile != nil {
		p, err := s.Profile.Marshal()
		if err != nil {
			return err
		}
		a.Metadata["profile"] = p
	}
	return artifact.SaveFile(filepath.Join(dir, detect.AnomalyPath), a)
}
