package demo

import (
	"encoding/json"
	"net/http"
	"strings"
)

// NewShop returns the mock shop's handler. It answers every route with
// canned JSON and never looks at what the client sent beyond the route.
func NewShop() http.Handler {
	mux := http.NewServeMux()
	ok := func(v any) http.HandlerFunc {
		return func(w http.ResponseWriter, _ *http.Request) { writeJSON(w, http.StatusOK, v) }
	}
	mux.HandleFunc("GET /{$}", ok(map[string]string{"shop": "vigil demo"}))
	mux.HandleFunc("GET /products", ok(map[string]any{"products": productNames}))
	mux.HandleFunc("GET /products/{id}", ok(map[string]any{"id": 1, "name": productNames[0], "price": 19.9}))
	mux.HandleFunc("GET /products/{id}/reviews", ok(map[string]any{"reviews": []string{}}))
	mux.HandleFunc("GET /search", ok(map[string]any{"results": productNames[:3]}))
	mux.HandleFunc("POST /login", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"token": "demo-token"})
	})
	mux.HandleFunc("POST /cart", ok(map[string]string{"status": "added"}))
	mux.HandleFunc("PUT /cart/{id}", ok(map[string]string{"status": "updated"}))
	mux.HandleFunc("DELETE /cart/{id}", ok(map[string]string{"status": "removed"}))
	mux.HandleFunc("POST /checkout", ok(map[string]string{"status": "paid"}))
	mux.HandleFunc("GET /account", ok(map[string]string{"user": "demo"}))
	mux.HandleFunc("GET /download", ok(map[string]string{"status": "not found"}))
	mux.HandleFunc("GET /static/{file...}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte(strings.Repeat("/* asset */\n", 4)))
	})
	return mux
}

var productNames = []string{"espresso cup", "linen apron", "walnut board", "copper kettle", "wool throw"}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
