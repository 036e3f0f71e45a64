package api

import (
	"net/http"

	"github.com/vigilsec/vigil/internal/store"
)

// CreateKeyRequest is the body of POST /v1/keys.
type CreateKeyRequest struct {
	Name      string   `json:"name" doc:"a label for people, e.g. the client that uses it"`
	Scopes    []string `json:"scopes,omitempty" doc:"scan and/or admin; default [scan]; admin implies scan"`
	RateLimit int      `json:"rate_limit,omitempty" doc:"requests per minute; 0 means the server default"`
}

// CreatedKey is a new key with its secret, shown only once.
type CreatedKey struct {
	store.Key
	Secret string `json:"key" doc:"the secret: send it as Authorization: Bearer <key>; it is not stored and cannot be shown again"`
}

// KeyList lists API keys without their secrets.
type KeyList struct {
	Keys []store.Key `json:"keys"`
}

func (s *Server) handleListKeys(w http.ResponseWriter, r *http.Request) error {
	keys, err := s.st.ListKeys(r.Context())
	if err != nil {
		return storeError(err)
	}
	return writeJSON(w, http.StatusOK, KeyList{keys})
}

func (s *Server) handleCreateKey(w http.ResponseWriter, r *http.Request) error {
	var req CreateKeyRequest
	if err := decodeJSON(r, &req); err != nil {
		return err
	}
	k, secret, err := s.st.CreateKey(r.Context(), store.NewKey{Name: req.Name, Scopes: req.Scopes, RateLimit: req.RateLimit})
	if err != nil {
		return storeError(err)
	}
	s.log.Info("API key created", "id", k.ID, "name", k.Name, "scopes", k.Scopes)
	return writeJSON(w, http.StatusCreated, CreatedKey{k, secret})
}

func (s *Server) handleRevokeKey(w http.ResponseWriter, r *http.Request) error {
	if err := noBody(r); err != nil {
		return err
	}
	id := r.PathValue("id")
	if err := s.st.RevokeKey(r.Context(), id); err != nil {
		return storeError(err)
	}
	s.keys.forget(id)
	keys, err := s.st.ListKeys(r.Context())
	if err != nil {
		return storeError(err)
	}
	for _, k := range keys {
		if k.ID == id {
			s.log.Info("API key revoked", "id", id)
			return writeJSON(w, http.StatusOK, k)
		}
	}
	return notFound("no such key")
}
