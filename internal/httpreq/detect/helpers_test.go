package detect

import (
	"os"
	"testing"

	"github.com/vigilsec/vigil/models"
)

// newShipped returns a detector over the embedded models, or over
// $VIGIL_HTTP_MODELS when set (a models directory).
func newShipped(tb testing.TB) *Detector {
	tb.Helper()
	if dir := os.Getenv("VIGIL_HTTP_MODELS"); dir != "" {
		m, err := LoadModels(os.DirFS(dir))
		if err != nil {
			tb.Fatal(err)
		}
		return mustNew(tb, m)
	}
	m, err := LoadModels(models.FS)
	if err != nil {
		tb.Skipf("no shipped HTTP models: %v", err)
	}
	return mustNew(tb, m)
}

func mustNew(tb testing.TB, m *Models) *Detector {
	d, err := New(m)
	if err != nil {
		tb.Fatal(err)
	}
	return d
}
