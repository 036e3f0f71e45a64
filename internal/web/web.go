package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"time"
)

//go:embed assets
var assetFS embed.FS

// IndexName is the page served at /ui.
const IndexName = "index.html"

// Dashboard serves the embedded assets.
type Dashboard struct {
	files map[string]asset
}

type asset struct {
	body  []byte
	ctype string
	etag  string
}

// contentTypes are the media types of the asset extensions; an asset with
// another extension is refused at load, so nothing is served sniffed.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".svg":  "image/svg+xml",
}

// New loads the embedded assets and computes their ETags.
func New() (*Dashboard, error) {
	entries, err := fs.ReadDir(assetFS, "assets")
	if err != nil {
		return nil, fmt.Errorf("dashboard assets: %w", err)
	}
	d := &Dashboard{files: make(map[string]asset, len(entries))}
	for _, e := range entries {
		if err := d.add(e.Name()); err != nil {
			return nil, err
		}
	}
	if _, ok := d.files[IndexName]; !ok {
		return nil, fmt.Errorf("dashboard assets: no %s", IndexName)
	}
	return d, nil
}

func (d *Dashboard) add(name string) error {
	ctype, ok := contentTypes[path.Ext(name)]
	if !ok {
		return fmt.Errorf("dashboard asset %q: unknown media type", name)
	}
	body, err := assetFS.ReadFile("assets/" + name)
	if err != nil {
		return fmt.Errorf("dashboard asset %q: %w", name, err)
	}
	sum := sha256.Sum256(body)
	d.files[name] = asset{body: body, ctype: ctype, etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
	return nil
}

// Names returns the asset names, for tests and listings.
func (d *Dashboard) Names() []string {
	out := make([]string, 0, len(d.files))
	for n := range d.files {
		out = append(out, n)
	}
	return out
}

// Serve answers GET (and HEAD) for the asset name with the security
// headers, revalidating with its ETag (If-None-Match gives 304). It
// reports false, writing nothing, when there is no such asset.
func (d *Dashboard) Serve(w http.ResponseWriter, r *http.Request, name string) bool {
	a, ok := d.files[name]
	if !ok {
		return false
	}
	h := w.Header()
	setSecurityHeaders(h)
	h.Set("Content-Type", a.ctype)
	h.Set("ETag", a.etag)
	// no-cache: the browser keeps the asset but asks (cheaply, with the
	// ETag) every time, so an upgraded server is never paired with old code.
	h.Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(a.body))
	return true
}
