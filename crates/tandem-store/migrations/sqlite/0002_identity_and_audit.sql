-- Staff identity, sessions, sign-in throttling and the tamper-evident audit trail.
-- Timestamps are UTC, whole seconds, stored by sqlx as RFC 3339 text, so text comparison
-- orders them correctly.

CREATE TABLE teams (
    id               TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    name             TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    created_at       TEXT NOT NULL,
    deactivated_at   TEXT,
    UNIQUE (organization_id, name)
) STRICT;

-- E-mail is unique across the installation: it is how a person signs in, before the
-- organization is known.
CREATE TABLE users (
    id                   TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    organization_id      TEXT NOT NULL REFERENCES organizations (id),
    email                TEXT NOT NULL UNIQUE,
    display_name         TEXT NOT NULL,
    role                 TEXT NOT NULL CHECK (role IN ('administrator', 'head_of_department', 'team_manager', 'processor')),
    team_id              TEXT REFERENCES teams (id),
    password_hash        TEXT,
    password_changed_at  TEXT,
    locked_at            TEXT,
    lock_reason          TEXT,
    deactivated_at       TEXT,
    created_at           TEXT NOT NULL
) STRICT;
CREATE INDEX users_organization ON users (organization_id, display_name);

-- Only a hash of the session token is stored: a copy of the database does not let anyone
-- take over a session.
CREATE TABLE sessions (
    token_hash        TEXT PRIMARY KEY NOT NULL,
    user_id           TEXT NOT NULL REFERENCES users (id),
    organization_id   TEXT NOT NULL REFERENCES organizations (id),
    created_at        TEXT NOT NULL,
    last_seen_at      TEXT NOT NULL,
    authenticated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX sessions_user ON sessions (user_id);

-- One-time links to set a password (new accounts, resets). Hash only, single use, expiring.
CREATE TABLE password_links (
    token_hash       TEXT PRIMARY KEY NOT NULL,
    user_id          TEXT NOT NULL REFERENCES users (id),
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    created_at       TEXT NOT NULL,
    expires_at       TEXT NOT NULL,
    used_at          TEXT
) STRICT;

-- Sign-in attempts for throttling. `account_key` is the normalized e-mail as typed, whether or
-- not such an account exists, so throttling behaves the same for unknown addresses.
CREATE TABLE login_attempts (
    id           TEXT PRIMARY KEY NOT NULL,
    account_key  TEXT NOT NULL,
    ip           TEXT NOT NULL,
    succeeded    INTEGER NOT NULL CHECK (succeeded IN (0, 1)),
    at           TEXT NOT NULL
) STRICT;
CREATE INDEX login_attempts_account ON login_attempts (account_key, at);
CREATE INDEX login_attempts_ip ON login_attempts (ip, at);

-- The audit trail: append-only, hash-chained. `at` is text with microseconds on both backends
-- so it hashes identically everywhere.
CREATE TABLE audit_events (
    seq              INTEGER PRIMARY KEY NOT NULL,
    at               TEXT NOT NULL,
    organization_id  TEXT,
    actor_id         TEXT,
    actor_role       TEXT NOT NULL,
    action           TEXT NOT NULL,
    subject_id       TEXT,
    object_kind      TEXT NOT NULL,
    object_id        TEXT,
    purpose          TEXT NOT NULL,
    outcome          TEXT NOT NULL,
    ip               TEXT,
    prev_hash        TEXT NOT NULL,
    hash             TEXT NOT NULL
) STRICT;
CREATE INDEX audit_events_org_at ON audit_events (organization_id, at);
CREATE INDEX audit_events_subject ON audit_events (subject_id);

-- The chain's head, updated in the same transaction as each append. Updating it first takes the
-- write lock, which serializes appends; comparing it with the last event detects a cut-off tail.
CREATE TABLE audit_head (
    id    INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    seq   INTEGER NOT NULL,
    hash  TEXT NOT NULL
) STRICT;
INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
BEGIN SELECT RAISE(ABORT, 'the audit head cannot be removed'); END;
