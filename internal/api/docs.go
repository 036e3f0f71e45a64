package api

import (
	_ "embed"
	"net/http"
)

// docsPage renders /openapi.json in the browser with no external assets,
// so the documentation works on a machine without internet access.
//
//go:embed docs.html
var docsPage []byte

func (s *Server) handleDocs(w http.ResponseWriter, r *http.Request) error {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'")
	_, err := w.Write(docsPage)
	return err
}
