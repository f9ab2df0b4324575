-- The reflective practices of a team (sensemaking specification §4, practices 2, 7, 8, 9, 10):
-- looking back at closed courses episode by episode, noticing small cues, a revisable
-- good-enough story of where the change is heading, the words that carry it, and rounds on the
-- stories where logics collided.
--
-- Like huddles, every row carries the organization and the team (R5). Stories are linked, not
-- copied. Staff definitions, resonance ratings and handlings are the team's, shown without
-- names: they are a conversation, not an appraisal.

-- Practice 8: the good-enough story. One per team, written in versions that are never rewritten.
CREATE TABLE account_versions (
    id               TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    team_id          TEXT NOT NULL REFERENCES teams (id),
    version          INTEGER NOT NULL CHECK (version >= 1),
    body             TEXT NOT NULL,
    -- Why this version was written (a trigger met, the quarterly revision…).
    reason           TEXT NOT NULL,
    written_on       {date} NOT NULL,
    written_by       TEXT REFERENCES users (id),
    created_at       {timestamp} NOT NULL,
    UNIQUE (team_id, version)
){strict};

-- What would make the team revise the story; met once, with a note of what was seen.
CREATE TABLE account_triggers (
    id               TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    team_id          TEXT NOT NULL REFERENCES teams (id),
    description      TEXT NOT NULL,
    met_on           {date},
    met_note         TEXT,
    created_by       TEXT REFERENCES users (id),
    created_at       {timestamp} NOT NULL
){strict};
CREATE INDEX account_triggers_team ON account_triggers (organization_id, team_id, created_at);

-- How well a version rings true to each member of staff (1–5); one rating per person and
-- version, revisable until the next version.
CREATE TABLE account_resonance (
    version_id  TEXT NOT NULL REFERENCES account_versions (id),
    user_id     TEXT NOT NULL REFERENCES users (id),
    rating      INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    rated_on    {date} NOT NULL,
    PRIMARY KEY (version_id, user_id)
){strict};

-- Stories that contradict a version, with a note on how.
CREATE TABLE account_contradictions (
    version_id  TEXT NOT NULL REFERENCES account_versions (id),
    story_id    TEXT NOT NULL REFERENCES stories (id),
    note        TEXT NOT NULL,
    added_by    TEXT REFERENCES users (id),
    created_at  {timestamp} NOT NULL,
    PRIMARY KEY (version_id, story_id)
){strict};

-- Practice 9: words that work. The terms the manager introduces, and staff definitions of them.
CREATE TABLE vocabulary_terms (
    id               TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    team_id          TEXT NOT NULL REFERENCES teams (id),
    term             TEXT NOT NULL,
    -- The term in lower case, so one team cannot introduce it twice.
    term_key         TEXT NOT NULL,
    meaning          TEXT NOT NULL,
    introduced_on    {date} NOT NULL,
    created_by       TEXT REFERENCES users (id),
    created_at       {timestamp} NOT NULL,
    UNIQUE (team_id, term_key)
){strict};

CREATE TABLE term_definitions (
    term_id     TEXT NOT NULL REFERENCES vocabulary_terms (id),
    user_id     TEXT NOT NULL REFERENCES users (id),
    definition  TEXT NOT NULL,
    written_on  {date} NOT NULL,
    PRIMARY KEY (term_id, user_id)
){strict};

-- Practice 7: notice the small stuff. What was expected, what happened, and what followed.
CREATE TABLE cues (
    id               TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    team_id          TEXT NOT NULL REFERENCES teams (id),
    noticed_on       {date} NOT NULL,
    theme            TEXT NOT NULL,
    expected         TEXT NOT NULL,
    happened         TEXT NOT NULL,
    story_id         TEXT REFERENCES stories (id),
    amplified        {bool} NOT NULL,
    follow_up        TEXT,
    resolved_on      {date},
    created_by       TEXT REFERENCES users (id),
    created_at       {timestamp} NOT NULL
){strict};
CREATE INDEX cues_team ON cues (organization_id, team_id, noticed_on);

-- Practice 10: hold the tension. A round on stories where logics collided, and how the team
-- handled each (separate, layer, blend, drop).
CREATE TABLE dilemma_rounds (
    id               TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    team_id          TEXT NOT NULL REFERENCES teams (id),
    held_on          {date} NOT NULL,
    title            TEXT NOT NULL,
    created_by       TEXT REFERENCES users (id),
    created_at       {timestamp} NOT NULL
){strict};
CREATE INDEX dilemma_rounds_team ON dilemma_rounds (organization_id, team_id, held_on);

CREATE TABLE dilemma_handlings (
    round_id    TEXT NOT NULL REFERENCES dilemma_rounds (id),
    story_id    TEXT NOT NULL REFERENCES stories (id),
    handling    TEXT NOT NULL CHECK (handling IN ('separate', 'layer', 'blend', 'drop')),
    follow_up   TEXT NOT NULL,
    created_at  {timestamp} NOT NULL,
    PRIMARY KEY (round_id, story_id)
){strict};

-- Practice 2: look back before looking forward. A review of a closed course, episode by episode,
-- in co-production terms: the phase, and the level planned and the level that happened.
CREATE TABLE retrospectives (
    id               TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    team_id          TEXT NOT NULL REFERENCES teams (id),
    course_id        TEXT NOT NULL REFERENCES courses (id),
    held_on          {date} NOT NULL,
    created_by       TEXT REFERENCES users (id),
    created_at       {timestamp} NOT NULL
){strict};
CREATE INDEX retrospectives_team ON retrospectives (organization_id, team_id, held_on);

CREATE TABLE retrospective_episodes (
    id                TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    retrospective_id  TEXT NOT NULL REFERENCES retrospectives (id),
    happened_on       {date} NOT NULL,
    description       TEXT NOT NULL,
    phase             TEXT NOT NULL CHECK (phase IN ('co_commissioning', 'co_design', 'co_delivery', 'co_assessment')),
    planned_level     TEXT NOT NULL CHECK (planned_level IN ('to', 'for', 'with', 'by')),
    actual_level      TEXT NOT NULL CHECK (actual_level IN ('to', 'for', 'with', 'by')),
    created_at        {timestamp} NOT NULL
){strict};
CREATE INDEX retrospective_episodes_review ON retrospective_episodes (retrospective_id, happened_on);

-- Practices 1 and 6: the campaign that carries the team's weekly pulse, and the one that carries
-- its monthly identity check-in ("who are we becoming?"). One of each per team, changeable.
CREATE TABLE rhythm_campaigns (
    team_id          TEXT NOT NULL REFERENCES teams (id),
    rhythm           TEXT NOT NULL CHECK (rhythm IN ('pulse', 'identity')),
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    campaign_id      TEXT NOT NULL REFERENCES campaigns (id),
    set_by           TEXT REFERENCES users (id),
    set_on           {date} NOT NULL,
    PRIMARY KEY (team_id, rhythm)
){strict};

-- The caseload ranges the three columns read the caseload against (coproduction specification:
-- "configurable thresholds"; defaults: the union guideline 20–30, the intensive model 15–20).
ALTER TABLE organizations ADD COLUMN caseload_union_low INTEGER NOT NULL DEFAULT 20;
ALTER TABLE organizations ADD COLUMN caseload_union_high INTEGER NOT NULL DEFAULT 30;
ALTER TABLE organizations ADD COLUMN caseload_intensive_low INTEGER NOT NULL DEFAULT 15;
ALTER TABLE organizations ADD COLUMN caseload_intensive_high INTEGER NOT NULL DEFAULT 20;
