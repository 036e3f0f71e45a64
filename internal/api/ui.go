package api

import (
	"net/http"

	"github.com/vigilsec/vigil/internal/web"
)

// uiRoutes serve the dashboard of package web. They need no key: the page
// asks the analyst for one and calls the API with it.
func (s *Server) uiRoutes() []route {
	return []route{
		{method: "GET", path: "/ui", tag: "ui", summary: "The dashboard (live alert feed, event view, charts)",
			doc:         "An HTML page embedded in the binary; it asks for an API key with scope admin and keeps it in the browser's sessionStorage. Sent with a strict Content-Security-Policy.",
			contentType: "text/html; charset=utf-8", errs: []int{404}, h: s.handleUI},
		{method: "GET", path: "/ui/{file}", tag: "ui", summary: "A dashboard asset (script, style sheet, icon)",
			doc:         "Revalidated with its ETag (If-None-Match answers 304).",
			contentType: "text/javascript", errs: []int{404}, h: s.handleUIAsset},
	}
}

func (s *Server) handleUI(w http.ResponseWriter, r *http.Request) error {
	s.ui.Serve(w, r, web.IndexName)
	return nil
}

func (s *Server) handleUIAsset(w http.ResponseWriter, r *http.Request) error {
	if !s.ui.Serve(w, r, r.PathValue("file")) {
		return notFound("no dashboard asset " + r.URL.Path)
	}
	return nil
}
