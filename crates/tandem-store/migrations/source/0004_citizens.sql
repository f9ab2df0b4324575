-- Citizens take part through their own login: the young person and the network members of one
-- course. An account is tied to the course role it was invited to (R7); its sessions live apart
-- from staff sessions, so a check for staff can never accept a citizen's session.

CREATE TABLE citizen_accounts (
    id               TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    course_id        TEXT NOT NULL REFERENCES courses (id),
    role             TEXT NOT NULL CHECK (role IN ('young_person', 'network_member')),
    member_id        TEXT REFERENCES network_members (id),
    login_name       TEXT NOT NULL UNIQUE,
    password_hash    TEXT NOT NULL,
    created_at       {timestamp} NOT NULL,
    revoked_at       {timestamp},
    CHECK ((role = 'network_member') = (member_id IS NOT NULL))
){strict};
CREATE INDEX citizen_accounts_course ON citizen_accounts (course_id);

-- Invitations: only a hash of the token is stored (R8); single use, expiring, revocable. A new
-- invitation for the same person revokes the open ones.
CREATE TABLE invitations (
    id               TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    token_hash       TEXT NOT NULL UNIQUE,
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    course_id        TEXT NOT NULL REFERENCES courses (id),
    role             TEXT NOT NULL CHECK (role IN ('young_person', 'network_member')),
    member_id        TEXT REFERENCES network_members (id),
    created_by       TEXT REFERENCES users (id),
    created_at       {timestamp} NOT NULL,
    expires_at       {timestamp} NOT NULL,
    used_at          {timestamp},
    revoked_at       {timestamp},
    CHECK ((role = 'network_member') = (member_id IS NOT NULL))
){strict};
CREATE INDEX invitations_course ON invitations (course_id);

CREATE TABLE citizen_sessions (
    token_hash        TEXT PRIMARY KEY NOT NULL,
    account_id        TEXT NOT NULL REFERENCES citizen_accounts (id),
    organization_id   TEXT NOT NULL REFERENCES organizations (id),
    created_at        {timestamp} NOT NULL,
    last_seen_at      {timestamp} NOT NULL,
    authenticated_at  {timestamp} NOT NULL
){strict};
CREATE INDEX citizen_sessions_account ON citizen_sessions (account_id);

-- A network member invited to rate is linked to their rating, so they can give it themselves.
ALTER TABLE ratings ADD COLUMN member_id TEXT REFERENCES network_members (id);
