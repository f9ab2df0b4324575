-- Stories: signifier frameworks, campaigns, the stories told in them, their answers and the
-- annotations staff add (sensemaking specification §1–2).

-- A framework version is stored as its TOML file, which is what administrators import, copy and
-- export; the domain parses it on load. A story keeps the version it was told under, so a
-- version is archived, never changed or deleted, once it is in use.
CREATE TABLE frameworks (
    id               TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    framework_key    TEXT NOT NULL,
    version          INTEGER NOT NULL CHECK (version >= 1),
    name_da          TEXT NOT NULL,
    name_en          TEXT NOT NULL,
    definition       TEXT NOT NULL,
    created_at       {timestamp} NOT NULL,
    archived_at      {timestamp},
    UNIQUE (organization_id, framework_key, version)
){strict};

-- A campaign asks one prompt with one framework version of one audience between two dates.
-- The anonymous link is stored only as a hash (like every token); returns_stories says whether
-- the audience may browse what was told (the access policy's "if the campaign returns stories").
CREATE TABLE campaigns (
    id               TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    title            TEXT NOT NULL,
    prompt           TEXT NOT NULL,
    framework_id     TEXT NOT NULL REFERENCES frameworks (id),
    audience         TEXT NOT NULL CHECK (audience IN ('team', 'courses', 'link')),
    team_id          TEXT REFERENCES teams (id),
    link_token_hash  TEXT UNIQUE,
    consent_text     TEXT,
    opens_on         {date} NOT NULL,
    closes_on        {date} NOT NULL,
    returns_stories  {bool} NOT NULL,
    created_by       TEXT REFERENCES users (id),
    created_at       {timestamp} NOT NULL,
    CHECK (closes_on >= opens_on),
    CHECK ((audience = 'link') = (link_token_hash IS NOT NULL)),
    CHECK (audience <> 'team' OR team_id IS NOT NULL)
){strict};
CREATE INDEX campaigns_organization ON campaigns (organization_id, opens_on);

-- The courses whose young people and networks a 'courses' campaign asks.
CREATE TABLE campaign_courses (
    campaign_id  TEXT NOT NULL REFERENCES campaigns (id),
    course_id    TEXT NOT NULL REFERENCES courses (id),
    PRIMARY KEY (campaign_id, course_id)
){strict};
CREATE INDEX campaign_courses_course ON campaign_courses (course_id);

-- A story. The staff author is kept only so they can edit their own story (never shown to
-- managers, never exported); a citizen's account likewise; an anonymous teller leaves nothing
-- that identifies them (no IP, no user agent, no account) — only that consent was given.
CREATE TABLE stories (
    id                  TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    organization_id     TEXT NOT NULL REFERENCES organizations (id),
    campaign_id         TEXT NOT NULL REFERENCES campaigns (id),
    framework_id        TEXT NOT NULL REFERENCES frameworks (id),
    teller              TEXT NOT NULL CHECK (teller IN ('staff', 'young_person', 'network_member', 'anonymous', 'imported')),
    author_id           TEXT REFERENCES users (id),
    citizen_account_id  TEXT REFERENCES citizen_accounts (id),
    title               TEXT,
    body                TEXT NOT NULL,
    collected_on        {date} NOT NULL,
    consent_given       {bool} NOT NULL,
    redacted            {bool} NOT NULL,
    created_at          {timestamp} NOT NULL
){strict};
CREATE INDEX stories_campaign ON stories (campaign_id, collected_on);
CREATE INDEX stories_author ON stories (author_id);

-- One row per answered part: a triad (w1..w3, summing to 1), a position (w1, 0–100), each chosen
-- option (option_id), or free text (body). N/A is the absence of a row, so "not answered" and
-- "not applicable" need no sentinel values.
CREATE TABLE story_answers (
    story_id   TEXT NOT NULL REFERENCES stories (id),
    question   TEXT NOT NULL,
    option_id  TEXT,
    w1         {double},
    w2         {double},
    w3         {double},
    body       TEXT
){strict};
CREATE INDEX story_answers_story ON story_answers (story_id);
CREATE INDEX story_answers_question ON story_answers (question, option_id, story_id);

-- Codes and tags added by staff who may browse the campaign (and NarraFirma's A_ annotations on
-- import). Who added them is kept for the audit trail, not shown beside the story.
CREATE TABLE story_annotations (
    id          TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    story_id    TEXT NOT NULL REFERENCES stories (id),
    kind        TEXT NOT NULL CHECK (kind IN ('code', 'tag')),
    value       TEXT NOT NULL,
    added_by    TEXT REFERENCES users (id),
    created_at  {timestamp} NOT NULL,
    UNIQUE (story_id, kind, value)
){strict};
CREATE INDEX story_annotations_value ON story_annotations (kind, value);

-- Full-text search over story text: an FTS5 index on SQLite, a generated tsvector on PostgreSQL
-- ('simple' configuration: Danish and English stories share one index, no stemming surprises).
-- @sqlite
CREATE VIRTUAL TABLE story_search USING fts5 (story_id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 0');
-- @postgres
ALTER TABLE stories ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(title, '') || ' ' || body)) STORED;
CREATE INDEX stories_search ON stories USING GIN (search);
-- @end
