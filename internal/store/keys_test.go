package store

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestCreateKey(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		s := newStore(t, e)
		tests := []struct {
			name       string
			in         NewKey
			wantScopes []string
			wantField  string
		}{
			{"no scopes means scan", NewKey{Name: "ci"}, []string{"scan"}, ""},
			{"scopes are sorted and unique", NewKey{Name: "ops", Scopes: []string{"scan", "admin", "scan"}}, []string{"admin", "scan"}, ""},
			{"rate limit kept", NewKey{Name: "slow", RateLimit: 30}, []string{"scan"}, ""},
			{"name is required", NewKey{Name: "  "}, nil, "name"},
			{"name has a length limit", NewKey{Name: strings.Repeat("n", maxNameLen+1)}, nil, "name"},
			{"unknown scope is rejected", NewKey{Name: "x", Scopes: []string{"root"}}, nil, "scopes"},
			{"negative rate limit is rejected", NewKey{Name: "x", RateLimit: -1}, nil, "rate_limit"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				k, secret, err := s.CreateKey(t.Context(), tt.in)
				if tt.wantField != "" {
					if fieldOf(err) != tt.wantField {
						t.Fatalf("err = %s, want a validation error on %q", describe(err), tt.wantField)
					}
					return
				}
				if err != nil {
					t.Fatalf("CreateKey: %v", err)
				}
				checkNewKey(t, k, secret, tt.in, tt.wantScopes)
			})
		}
	})
}

func checkNewKey(t *testing.T, k Key, secret string, in NewKey, wantScopes []string) {
	t.Helper()
	if !strings.HasPrefix(secret, "vgl_") || len(secret) != secretLen {
		t.Errorf("secret %q: want vgl_ and %d characters", secret, secretLen)
	}
	if k.Prefix != secret[:displayLen] || !strings.HasPrefix(k.ID, "key_") {
		t.Errorf("key %+v: want prefix %q and a key_ id", k, secret[:displayLen])
	}
	if !slices.Equal(k.Scopes, wantScopes) || k.RateLimit != in.RateLimit || k.Name != in.Name {
		t.Errorf("key %+v from %+v: want scopes %v", k, in, wantScopes)
	}
	if k.Revoked() || k.CreatedAt.IsZero() || k.CreatedAt.Location().String() != "UTC" {
		t.Errorf("new key %+v: want active, created now in UTC", k)
	}
}

func TestAuthenticate(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		s := newStore(t, e)
		live, liveSecret := mustKey(t, s, "live")
		gone, goneSecret := mustKey(t, s, "gone", ScopeAdmin)
		if err := s.RevokeKey(t.Context(), gone.ID); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name   string
			secret string
			wantID string
			err    error
		}{
			{"right secret", liveSecret, live.ID, nil},
			{"last character wrong (prefix matches, hash does not)", flip(liveSecret), "", ErrUnknownKey},
			{"unknown prefix", "vgl_" + strings.Repeat("q", secretLen-4), "", ErrUnknownKey},
			{"upper-cased secret", strings.ToUpper(liveSecret), "", ErrUnknownKey},
			{"too short", liveSecret[:20], "", ErrUnknownKey},
			{"empty", "", "", ErrUnknownKey},
			{"not a vigil key", "Bearer " + liveSecret[7:], "", ErrUnknownKey},
			{"revoked key, right secret", goneSecret, gone.ID, ErrRevokedKey},
			{"revoked key, wrong secret", flip(goneSecret), "", ErrUnknownKey},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				k, err := s.Authenticate(t.Context(), tt.secret)
				if !errors.Is(err, tt.err) || k.ID != tt.wantID {
					t.Fatalf("Authenticate = %q, %v; want %q, %v", k.ID, err, tt.wantID, tt.err)
				}
			})
		}
	})
}

// Two keys whose secrets share a prefix: each secret finds its own key, and
// only by the hash comparison.
func TestAuthenticateSharedPrefix(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		s := newStore(t, e)
		a, aSecret := mustKey(t, s, "a")
		b, _ := mustKey(t, s, "b")
		bSecret := aSecret[:displayLen] + strings.Repeat("z", secretLen-displayLen)
		_, err := s.db.Exec(s.d.rebind("UPDATE api_keys SET prefix = ?, secret_hash = ? WHERE id = ?"),
			aSecret[:displayLen], string(hashSecret(bSecret)), b.ID)
		if err != nil {
			t.Fatal(err)
		}
		for secret, want := range map[string]string{aSecret: a.ID, bSecret: b.ID} {
			if k, err := s.Authenticate(t.Context(), secret); err != nil || k.ID != want {
				t.Errorf("Authenticate(%q) = %q, %v; want %q", secret, k.ID, err, want)
			}
		}
	})
}

func TestMatchHash(t *testing.T) {
	h := func(s string) []byte { return hashSecret(s) }
	cands := []Key{{ID: "k1"}, {ID: "k2"}}
	tests := []struct {
		name   string
		want   []byte
		cands  []Key
		hashes [][]byte
		wantID string
	}{
		{"no candidates", h("x"), nil, nil, ""},
		{"first matches", h("x"), cands, [][]byte{h("x"), h("y")}, "k1"},
		{"second matches", h("y"), cands, [][]byte{h("x"), h("y")}, "k2"},
		{"none matches", h("z"), cands, [][]byte{h("x"), h("y")}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, ok := matchHash(tt.want, tt.cands, tt.hashes)
			if k.ID != tt.wantID || ok != (tt.wantID != "") {
				t.Errorf("matchHash = %q, %v; want %q", k.ID, ok, tt.wantID)
			}
		})
	}
}

// The table holds the SHA-256 of each secret and a display prefix, never
// the secret.
func TestSecretsAreStoredHashed(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		s := newStore(t, e)
		_, secret := mustKey(t, s, "k")
		var id, name, prefix, hash, scopes string
		row := s.db.QueryRow("SELECT id, name, prefix, secret_hash, scopes FROM api_keys")
		if err := row.Scan(&id, &name, &prefix, &hash, &scopes); err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256([]byte(secret))
		if hash != hex.EncodeToString(sum[:]) {
			t.Errorf("secret_hash = %q, want hex SHA-256 of the secret", hash)
		}
		for _, col := range []string{id, name, prefix, hash, scopes} {
			if strings.Contains(col, secret[displayLen:]) {
				t.Errorf("column value %q holds the secret", col)
			}
		}
		if prefix != secret[:displayLen] {
			t.Errorf("prefix = %q, want %q", prefix, secret[:displayLen])
		}
	})
}

func TestListAndRevokeKeys(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		s := newStore(t, e)
		a, aSecret := mustKey(t, s, "a")
		b, _ := mustKey(t, s, "b")
		if err := s.RevokeKey(t.Context(), "key_nope"); !errors.Is(err, ErrNotFound) {
			t.Errorf("RevokeKey(unknown) = %v, want ErrNotFound", err)
		}
		revokeTwice(t, s, b.ID)
		keys, err := s.ListKeys(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if len(keys) != 2 || keys[0].ID != a.ID || keys[1].ID != b.ID || keys[0].Revoked() || !keys[1].Revoked() {
			t.Fatalf("ListKeys = %+v; want a (active), b (revoked)", keys)
		}
		out, _ := json.Marshal(keys)
		if strings.Contains(string(out), aSecret[displayLen:]) || strings.Contains(string(out), "hash") {
			t.Errorf("ListKeys JSON %s exposes a secret or hash", out)
		}
	})
}

// revokeTwice revokes id twice and checks that the second keeps the first time.
func revokeTwice(t *testing.T, s *sqlStore, id string) {
	t.Helper()
	revokedAt := func() int64 {
		var at int64
		if err := s.db.QueryRow(s.d.rebind("SELECT revoked_at FROM api_keys WHERE id = ?"), id).Scan(&at); err != nil {
			t.Fatal(err)
		}
		return at
	}
	if err := s.RevokeKey(t.Context(), id); err != nil {
		t.Fatal(err)
	}
	first := revokedAt()
	if err := s.RevokeKey(t.Context(), id); err != nil {
		t.Fatalf("revoking twice: %v", err)
	}
	if again := revokedAt(); again != first {
		t.Errorf("second revoke moved revoked_at from %d to %d", first, again)
	}
}

func TestKeyHasScope(t *testing.T) {
	tests := []struct {
		scopes []string
		ask    string
		want   bool
	}{
		{[]string{"scan"}, "scan", true},
		{[]string{"scan"}, "admin", false},
		{[]string{"admin"}, "scan", true},
		{nil, "scan", false},
	}
	for _, tt := range tests {
		if got := (Key{Scopes: tt.scopes}).HasScope(tt.ask); got != tt.want {
			t.Errorf("Key%v.HasScope(%q) = %v, want %v", tt.scopes, tt.ask, got, tt.want)
		}
	}
}

// flip changes the last character of a secret, keeping its prefix.
func flip(secret string) string {
	last := "a"
	if strings.HasSuffix(secret, "a") {
		last = "b"
	}
	return secret[:len(secret)-1] + last
}
