-- Staff identity, sessions, sign-in throttling and the tamper-evident audit trail.
-- @sqlite
-- Timestamps are UTC, whole seconds, stored by sqlx as RFC 3339 text, so text comparison
-- orders them correctly.
-- @end

CREATE TABLE teams (
    id               TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    name             TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    created_at       {timestamp} NOT NULL,
    deactivated_at   {timestamp},
    UNIQUE (organization_id, name)
){strict};

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
    password_changed_at  {timestamp},
    locked_at            {timestamp},
    lock_reason          TEXT,
    deactivated_at       {timestamp},
    created_at           {timestamp} NOT NULL
){strict};
CREATE INDEX users_organization ON users (organization_id, display_name);

-- Only a hash of the session token is stored: a copy of the database does not let anyone
-- take over a session.
CREATE TABLE sessions (
    token_hash        TEXT PRIMARY KEY NOT NULL,
    user_id           TEXT NOT NULL REFERENCES users (id),
    organization_id   TEXT NOT NULL REFERENCES organizations (id),
    created_at        {timestamp} NOT NULL,
    last_seen_at      {timestamp} NOT NULL,
    authenticated_at  {timestamp} NOT NULL
){strict};
CREATE INDEX sessions_user ON sessions (user_id);

-- One-time links to set a password (new accounts, resets). Hash only, single use, expiring.
CREATE TABLE password_links (
    token_hash       TEXT PRIMARY KEY NOT NULL,
    user_id          TEXT NOT NULL REFERENCES users (id),
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    created_at       {timestamp} NOT NULL,
    expires_at       {timestamp} NOT NULL,
    used_at          {timestamp}
){strict};

-- Sign-in attempts for throttling. `account_key` is the normalized e-mail as typed, whether or
-- not such an account exists, so throttling behaves the same for unknown addresses.
CREATE TABLE login_attempts (
    id           TEXT PRIMARY KEY NOT NULL,
    account_key  TEXT NOT NULL,
    ip           TEXT NOT NULL,
-- @sqlite
    succeeded    INTEGER NOT NULL CHECK (succeeded IN (0, 1)),
-- @postgres
    succeeded    BOOLEAN NOT NULL,
-- @end
    at           {timestamp} NOT NULL
){strict};
CREATE INDEX login_attempts_account ON login_attempts (account_key, at);
CREATE INDEX login_attempts_ip ON login_attempts (ip, at);

-- The audit trail: append-only, hash-chained. `at` is text with microseconds on both backends
-- so it hashes identically everywhere.
CREATE TABLE audit_events (
    seq              {bigint} PRIMARY KEY NOT NULL,
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
){strict};
CREATE INDEX audit_events_org_at ON audit_events (organization_id, at);
CREATE INDEX audit_events_subject ON audit_events (subject_id);

-- @sqlite
-- The chain's head, updated in the same transaction as each append. Updating it first takes the
-- write lock, which serializes appends; comparing it with the last event detects a cut-off tail.
-- @postgres
-- The chain's head, updated in the same transaction as each append. Updating it first takes a
-- row lock, which serializes appends across instances; comparing it with the last event detects
-- a cut-off tail.
-- @end
CREATE TABLE audit_head (
    id    INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    seq   {bigint} NOT NULL,
    hash  TEXT NOT NULL
){strict};
INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- @sqlite
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
BEGIN SELECT RAISE(ABORT, 'the audit head cannot be removed'); END;
-- @postgres
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only';
END;
$$;
CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
-- TRUNCATE bypasses row triggers, so it needs a statement trigger of its own.
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_head_no_delete BEFORE DELETE OR TRUNCATE ON audit_head
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
-- @end
