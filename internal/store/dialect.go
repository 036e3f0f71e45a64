package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
)

// dialect is what differs between the engines.
type dialect struct {
	name string // "sqlite" or "postgres"
	// numbered placeholders: "$1" instead of "?"
	numbered bool
	// lock serialises migrations across processes inside tx (nil: the
	// transaction itself is enough).
	lock func(ctx context.Context, tx *sql.Tx) error
}

// rebind turns the "?" placeholders of query into the dialect's style. The
// package's queries hold no "?" inside string literals.
func (d dialect) rebind(query string) string {
	if !d.numbered || !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 8)
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] != '?' {
			b.WriteByte(query[i])
			continue
		}
		n++
		b.WriteByte('$')
		b.WriteString(strconv.Itoa(n))
	}
	return b.String()
}

// placeholders returns n comma-separated "?".
func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?,", n-1) + "?"
}
