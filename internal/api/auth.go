package api

import (
	"context"
	"crypto/sha256"
	"errors"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/vigilsec/vigil/internal/store"
)

// Auth kinds of a route.
const (
	authNone     = ""         // public: health, metrics, documents
	authScan     = "scan"     // an API key with scope scan (admin implies it)
	authAdmin    = "admin"    // an API key with scope admin
	authBody     = "body"     // the key is in the JSON body (Genos POST /scan)
	authInternal = "internal" // loopback or the internal token
)

// maxCachedKeys bounds the authentication cache; it is cleared when full.
const maxCachedKeys = 10_000

type keyCtx struct{}

// keyFrom returns the API key the request was authenticated with.
func keyFrom(ctx context.Context) (store.Key, bool) {
	k, ok := ctx.Value(keyCtx{}).(store.Key)
	return k, ok
}

// headerKey returns the secret from Authorization: Bearer or X-API-Key.
func headerKey(r *http.Request) string {
	if a := r.Header.Get("Authorization"); a != "" {
		if scheme, secret, ok := strings.Cut(a, " "); ok && strings.EqualFold(scheme, "Bearer") {
			return strings.TrimSpace(secret)
		}
	}
	return strings.TrimSpace(r.Header.Get("X-API-Key"))
}

// keyCache remembers authenticated keys for a short time so that the
// store is not queried on every scan. Entries are indexed by the SHA-256
// of the secret; the secret itself is not kept.
type keyCache struct {
	mu  sync.Mutex
	ttl time.Duration
	m   map[[32]byte]cachedKey
}

type cachedKey struct {
	key     store.Key
	expires time.Time
}

func newKeyCache(ttl time.Duration) *keyCache {
	return &keyCache{ttl: ttl, m: map[[32]byte]cachedKey{}}
}

func (c *keyCache) get(h [32]byte, now time.Time) (store.Key, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[h]
	if !ok || now.After(e.expires) {
		return store.Key{}, false
	}
	return e.key, true
}

func (c *keyCache) put(h [32]byte, k store.Key, now time.Time) {
	if c.ttl <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= maxCachedKeys {
		clear(c.m)
	}
	c.m[h] = cachedKey{k, now.Add(c.ttl)}
}

// forget drops a key (after it was revoked through the API).
func (c *keyCache) forget(id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for h, e := range c.m {
		if e.key.ID == id {
			delete(c.m, h)
		}
	}
}

// authenticate returns the key of a secret that grants scope.
func (s *Server) authenticate(ctx context.Context, secret, scope string) (store.Key, error) {
	if secret == "" {
		return store.Key{}, unauthorized("an API key is required: send Authorization: Bearer <key> or X-API-Key")
	}
	h, now := sha256.Sum256([]byte(secret)), s.now()
	k, ok := s.keys.get(h, now)
	if !ok {
		var err error
		if k, err = s.st.Authenticate(ctx, secret); err != nil {
			return store.Key{}, authError(err)
		}
		s.keys.put(h, k, now)
	}
	if !k.HasScope(scope) {
		return store.Key{}, forbidden("this API key lacks the scope " + scope)
	}
	return k, nil
}

func authError(err error) error {
	switch {
	case errors.Is(err, store.ErrRevokedKey):
		return unauthorized("this API key has been revoked")
	case errors.Is(err, store.ErrUnknownKey):
		return unauthorized("unknown API key")
	}
	return storeError(err)
}

// storeError maps a store error: not found is 404, a validation error a
// 400 naming the field, anything else means the database is unavailable.
func storeError(err error) error {
	var ve *store.ValidationError
	switch {
	case errors.Is(err, store.ErrNotFound):
		return notFound("no such resource")
	case errors.As(err, &ve):
		return fieldError(ve.Field, ve.Message)
	}
	return storeUnavailable(err)
}
