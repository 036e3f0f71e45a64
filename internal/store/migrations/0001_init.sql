-- vigil's first schema. Shared by SQLite and PostgreSQL: only types both
-- understand; timestamps are BIGINT microseconds since the Unix epoch (UTC).

CREATE TABLE api_keys (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    prefix      TEXT NOT NULL,          -- first characters of the secret, for display and lookup
    secret_hash TEXT NOT NULL,          -- hex SHA-256 of the secret; the secret itself is never stored
    scopes      TEXT NOT NULL,          -- comma-separated, sorted
    rate_limit  INTEGER NOT NULL DEFAULT 0 CHECK (rate_limit >= 0),
    created_at  BIGINT NOT NULL,
    revoked_at  BIGINT
);
CREATE INDEX api_keys_prefix ON api_keys (prefix);

CREATE TABLE key_usage (
    key_id   TEXT NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    day      TEXT NOT NULL,             -- UTC date, 2006-01-02
    requests BIGINT NOT NULL CHECK (requests >= 0),
    PRIMARY KEY (key_id, day)
);

CREATE TABLE alerts (
    id         TEXT PRIMARY KEY,
    detector   TEXT NOT NULL,
    subject    TEXT NOT NULL,
    label      TEXT NOT NULL,
    action     TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('new', 'acknowledged', 'false_positive')),
    confidence DOUBLE PRECISION NOT NULL,
    evidence   TEXT,                    -- the verdict as JSON, kept byte for byte
    key_id     TEXT REFERENCES api_keys (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
-- Keyset paging runs newest first on (created_at, id), alone or after one filter.
CREATE INDEX alerts_created ON alerts (created_at, id);
CREATE INDEX alerts_label ON alerts (label, created_at, id);
CREATE INDEX alerts_status ON alerts (status, created_at, id);
CREATE INDEX alerts_detector ON alerts (detector, created_at, id);
CREATE INDEX alerts_key ON alerts (key_id, created_at, id);

CREATE TABLE alert_techniques (
    alert_id  TEXT NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
    pos       INTEGER NOT NULL,         -- order within the alert
    technique TEXT NOT NULL,            -- canonical ATT&CK id, T1059.001
    base      TEXT NOT NULL,            -- its parent technique, T1059 (itself for a parent)
    PRIMARY KEY (alert_id, technique)
);
CREATE INDEX alert_techniques_technique ON alert_techniques (technique, alert_id);
CREATE INDEX alert_techniques_base ON alert_techniques (base, alert_id);

CREATE TABLE allow_rules (
    id         TEXT PRIMARY KEY,
    pattern    TEXT NOT NULL,
    regex      INTEGER NOT NULL CHECK (regex IN (0, 1)),
    detector   TEXT NOT NULL DEFAULT '',
    alert_id   TEXT REFERENCES alerts (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    hits       BIGINT NOT NULL DEFAULT 0 CHECK (hits >= 0)
);
CREATE INDEX allow_rules_alert ON allow_rules (alert_id);
