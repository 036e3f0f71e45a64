package training

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/vigilsec/vigil/internal/httpreq/dataset"
	"github.com/vigilsec/vigil/internal/httpreq/detect"
	"github.com/vigilsec/vigil/internal/ml/artifact"
)

// Save writes the artifacts under dir/http/. They carry no timestamp, so
// the same seed and data write the same linear and anomaly files (the CNN
// is reproducible as far as the backend's arithmetic is).
func (r *Result) Save(dir string, meta map[string]string) error {
	c, err := json.Marshal(r.Binary.Combine)
	if err != nil {
		return err
	}
	bin := r.Binary.Linear.Artifact(detect.BinarySchema.Hash(), detect.Classes)
	bin.Metadata = withMeta(meta, map[string]string{
		"combine": string(c), "best_epoch": strconv.Itoa(r.Binary.Report.BestEpoch),
		"temperature": fmt.Sprint(r.Binary.Linear.Temperature),
	})
	typ := r.Type.Model.ArtifactQ8(detect.TypeSchema.Hash(), dataset.Types)
	typ.Metadata = withMeta(meta, map[string]string{"best_epoch": strconv.Itoa(r.Type.Report.BestEpoch)})
	an := r.Anomaly.Artifact(detect.TextSchemaHash)
	an.Metadata = withMeta(meta, an.Metadata)
	if r.Models.Profile != nil {
		if an.Metadata["profile"], err = r.Models.Profile.Marshal(); err != nil {
			return err
		}
	}
	files := map[string]*artifact.Artifact{detect.BinaryPath: bin, detect.TypePath: typ, detect.AnomalyPath: an}
	if r.Binary.CNN != nil {
		cnn := r.Binary.CNN.Artifact(detect.TextSchemaHash, detect.Classes)
		cnn.Metadata = withMeta(meta, cnn.Metadata)
		files[detect.CNNPath] = cnn
	} else if err := os.Remove(filepath.Join(dir, detect.CNNPath)); err != nil && !os.IsNotExist(err) {
		return err
	}
	for path, a := range files {
		if err := artifact.SaveFile(filepath.Join(dir, path), a); err != nil {
			return err
		}
	}
	return nil
}

func withMeta(base, extra map[string]string) map[string]string {
	m := make(map[string]string, len(base)+len(extra))
	for k, v := range base {
		m[k] = v
	}
	for k, v := range extra {
		m[k] = v
	}
	return m
}
