package store

import (
	"context"
	"crypto/subtle"
	"fmt"
	"strings"
)

// Authenticate looks the secret's prefix up and compares the SHA-256 of the
// secret with each candidate's in constant time. A revoked key's secret
// returns the key together with ErrRevokedKey, so the caller can log which
// key it was.
func (s *sqlStore) Authenticate(ctx context.Context, secret string) (Key, error) {
	if len(secret) != secretLen || !strings.HasPrefix(secret, secretPrefix) {
		return Key{}, ErrUnknownKey // the format is public; nothing to time
	}
	cands, hashes, err := s.keysByPrefix(ctx, secret[:displayLen])
	if err != nil {
		return Key{}, fmt.Errorf("authenticate: %w", err)
	}
	k, ok := matchHash(hashSecret(secret), cands, hashes)
	switch {
	case !ok:
		return Key{}, ErrUnknownKey
	case k.Revoked():
		return k, ErrRevokedKey
	}
	return k, nil
}

// matchHash compares want with every candidate hash (and with a dummy when
// there is none), never stopping early.
func matchHash(want []byte, cands []Key, hashes [][]byte) (Key, bool) {
	if len(cands) == 0 {
		subtle.ConstantTimeCompare(want, dummyHash)
		return Key{}, false
	}
	match := -1
	for i, h := range hashes {
		if subtle.ConstantTimeCompare(want, h) == 1 {
			match = i
		}
	}
	if match < 0 {
		return Key{}, false
	}
	return cands[match], true
}

func (s *sqlStore) keysByPrefix(ctx context.Context, prefix string) ([]Key, [][]byte, error) {
	q := s.d.rebind("SELECT " + keyColumns + ", secret_hash FROM api_keys WHERE prefix = ?")
	rows, err := s.db.QueryContext(ctx, q, prefix)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var (
		keys   []Key
		hashes [][]byte
	)
	for rows.Next() {
		var h string
		k, err := scanKey(rows, &h)
		if err != nil {
			return nil, nil, err
		}
		keys, hashes = append(keys, k), append(hashes, []byte(h))
	}
	return keys, hashes, rows.Err()
}
