package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strings"
)

const (
	secretPrefix = "vgl_"
	secretLen    = len(secretPrefix) + 52 // two rand.Text: 260 random bits
	// displayLen characters of the secret are stored for display and lookup.
	displayLen = len(secretPrefix) + 8
)

// dummyHash stands in for a stored hash when no key has the prefix, so an
// unknown prefix costs the same comparison as a known one.
var dummyHash = hashSecret(secretPrefix + strings.Repeat("a", secretLen-len(secretPrefix)))

func newSecret() string { return secretPrefix + strings.ToLower(rand.Text()+rand.Text()) }

func hashSecret(secret string) []byte {
	sum := sha256.Sum256([]byte(secret))
	return []byte(hex.EncodeToString(sum[:]))
}

const keyColumns = "id, name, prefix, scopes, rate_limit, created_at, revoked_at"

func (s *sqlStore) CreateKey(ctx context.Context, nk NewKey) (Key, string, error) {
	k, err := newKey(nk)
	if err != nil {
		return Key{}, "", fmt.Errorf("create key: %w", err)
	}
	secret := newSecret()
	k.Prefix = secret[:displayLen]
	const q = "INSERT INTO api_keys (id, name, prefix, secret_hash, scopes, rate_limit, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
	_, err = s.db.ExecContext(ctx, s.d.rebind(q), k.ID, k.Name, k.Prefix, string(hashSecret(secret)),
		strings.Join(k.Scopes, ","), k.RateLimit, toMicros(k.CreatedAt))
	if err != nil {
		return Key{}, "", fmt.Errorf("create key: %w", err)
	}
	return k, secret, nil
}

func (s *sqlStore) ListKeys(ctx context.Context) ([]Key, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT "+keyColumns+" FROM api_keys ORDER BY created_at, id")
	if err != nil {
		return nil, fmt.Errorf("list keys: %w", err)
	}
	defer rows.Close()
	keys := []Key{}
	for rows.Next() {
		k, err := scanKey(rows)
		if err != nil {
			return nil, fmt.Errorf("list keys: %w", err)
		}
		keys = append(keys, k)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list keys: %w", err)
	}
	return keys, nil
}

func (s *sqlStore) RevokeKey(ctx context.Context, id string) error {
	const q = "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?"
	res, err := s.db.ExecContext(ctx, s.d.rebind(q), toMicros(nowUTC()), id)
	if err == nil {
		err = mustAffect(res)
	}
	if err != nil {
		return fmt.Errorf("revoke key %q: %w", id, err)
	}
	return nil
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

func scanKey(row scanner, extra ...any) (Key, error) {
	var (
		k       Key
		scopes  string
		created int64
		revoked sql.NullInt64
	)
	dest := append([]any{&k.ID, &k.Name, &k.Prefix, &scopes, &k.RateLimit, &created, &revoked}, extra...)
	if err := row.Scan(dest...); err != nil {
		return Key{}, err
	}
	k.Scopes = strings.Split(scopes, ",")
	k.CreatedAt = fromMicros(created)
	if revoked.Valid {
		k.RevokedAt = fromMicros(revoked.Int64)
	}
	return k, nil
}
