package artifact

import (
	"fmt"
	"os"
	"path/filepath"
)

// SaveFile writes a to path atomically: to a temporary file beside it,
// then renamed, so a reader never sees half a model. It creates the
// directory when needed.
func SaveFile(path string, a *Artifact) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if err := Save(f, a); err != nil {
		f.Close()
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, path)
}
