// Package store is vigil's persistence layer: API keys and their daily usage,
// alerts (flagged verdicts) with a status workflow, and allow rules made from
// false positives. One interface, Store, has two engines behind it: embedded
// SQLite (the default, pure Go, no server to run) and PostgreSQL (for several
// vigil instances sharing one database, or for scale).
//
// # Choosing an engine
//
// Open picks the engine from a URL: "" means SQLite in <data-dir>/vigil.db
// (the directory is created 0700), "sqlite:///path/to/file.db" names the file,
// and "postgres://" or "postgresql://" URLs go to PostgreSQL through pgx.
// SQLite runs in WAL mode with a busy timeout, foreign keys on and every
// transaction BEGIN IMMEDIATE, so concurrent writers queue instead of failing
// with "database is locked"; its pool holds at most 8 connections.
//
// # One implementation, two dialects
//
// Both engines share one implementation and one set of SQL statements,
// written with "?" placeholders and rebound to "$1, $2, ..." for PostgreSQL.
// The schema uses only types both engines understand (TEXT, BIGINT, INTEGER,
// DOUBLE PRECISION), so the migrations are shared too; a migration that needs
// engine-specific SQL can ship as NNNN_name.<engine>.sql beside the shared
// NNNN_name.sql. The engine-specific code is limited to opening, the
// placeholder style and the lock that serialises migrations.
//
// # Schema
//
//	schema_migrations(version PK, name, applied_at)
//	api_keys(id PK, name, prefix, secret_hash, scopes, rate_limit, created_at, revoked_at)
//	key_usage(key_id FK, day, requests)                 PK (key_id, day)
//	alerts(id PK, detector, subject, label, action, status, confidence,
//	       evidence, key_id FK, created_at, updated_at)
//	alert_techniques(alert_id FK, pos, technique, base) PK (alert_id, technique)
//	allow_rules(id PK, pattern, regex, detector, alert_id FK, created_at, hits)
//
// Timestamps are BIGINT microseconds since the Unix epoch, UTC: the same
// precision as PostgreSQL's timestamptz, identical arithmetic on both engines
// (the dashboard buckets are one integer division) and no driver-specific
// time parsing. Usage days are ISO dates ("2006-01-02", UTC) as TEXT.
//
// Alert techniques live in a child table indexed by technique and by base
// technique (the id without its sub-technique), so a filter on "T1059.001"
// is an index lookup and a filter on "T1059" also finds its sub-techniques,
// on both engines, without LIKE or collation surprises. Evidence (the whole
// verdict) is TEXT holding JSON, returned byte for byte as it was stored.
//
// An alert's status is "new", "acknowledged" or "false_positive"; any may
// follow any, so an analyst can reopen an alert. Allow rules are separate
// rows: making one from a false positive does not change the alert.
//
// Alerts are paged newest first by keyset on (created_at, id), so a page
// boundary between alerts with equal timestamps neither repeats nor skips
// one. The cursor is opaque to callers.
//
// # API keys
//
// A key's secret ("vgl_" + 52 base32 characters, 260 random bits) is made by
// CreateKey, returned once and never stored: the table keeps its SHA-256 (a
// fast hash is enough for a secret of that entropy) and a 12-character prefix
// for display and lookup. Authenticate finds the candidates by prefix and
// compares hashes with crypto/subtle, checking every candidate (and a dummy
// when there is none) rather than stopping at the first difference.
//
// # Migrations
//
// Migrations are embedded (migrations/*.sql), numbered, and applied at Open
// in one transaction, recorded in schema_migrations. Applying them is
// idempotent. Open refuses (ErrSchemaTooNew) a database that a newer vigil
// has migrated beyond what this build knows.
package store
