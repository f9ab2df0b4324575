-- The sensemaking practices a team runs (sensemaking specification §4): huddles around fresh
-- stories with the interpretations offered and the next steps agreed; safe-to-fail probes with
-- signals set in advance and the decisions taken at review; and "you said, we did" — outcomes
-- published back to the audience of the campaign whose stories prompted them.
--
-- Interpretations carry the voice (role) that offered them, never a person: a huddle is a
-- conversation, not a record of who said what. Stories are linked, not copied, so a redaction
-- of a story reaches every huddle and probe that discussed it.

CREATE TABLE huddles (
    id               TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    team_id          TEXT NOT NULL REFERENCES teams (id),
    held_on          {date} NOT NULL,
    topic            TEXT NOT NULL,
    -- Who took part, by voice (Voice in tandem-domain).
    processors       INTEGER NOT NULL CHECK (processors BETWEEN 0 AND 60),
    managers         INTEGER NOT NULL CHECK (managers BETWEEN 0 AND 60),
    young_people     INTEGER NOT NULL CHECK (young_people BETWEEN 0 AND 60),
    network          INTEGER NOT NULL CHECK (network BETWEEN 0 AND 60),
    partners         INTEGER NOT NULL CHECK (partners BETWEEN 0 AND 60),
    created_by       TEXT REFERENCES users (id),
    created_at       {timestamp} NOT NULL
){strict};
CREATE INDEX huddles_team ON huddles (organization_id, team_id, held_on);

CREATE TABLE huddle_stories (
    huddle_id  TEXT NOT NULL REFERENCES huddles (id),
    story_id   TEXT NOT NULL REFERENCES stories (id),
    PRIMARY KEY (huddle_id, story_id)
){strict};

CREATE TABLE huddle_interpretations (
    id          TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    huddle_id   TEXT NOT NULL REFERENCES huddles (id),
    voice       TEXT NOT NULL CHECK (voice IN ('processor', 'manager', 'young_person', 'network', 'partner')),
    body        TEXT NOT NULL,
    created_by  TEXT REFERENCES users (id),
    created_at  {timestamp} NOT NULL
){strict};
CREATE INDEX huddle_interpretations_huddle ON huddle_interpretations (huddle_id, created_at);

CREATE TABLE probes (
    id               TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    team_id          TEXT NOT NULL REFERENCES teams (id),
    huddle_id        TEXT REFERENCES huddles (id),
    title            TEXT NOT NULL,
    hypothesis       TEXT NOT NULL,
    success_signal   TEXT NOT NULL,
    failure_signal   TEXT NOT NULL,
    owner_id         TEXT NOT NULL REFERENCES users (id),
    starts_on        {date} NOT NULL,
    review_on        {date} NOT NULL,
    stopped          {bool} NOT NULL,
    created_by       TEXT REFERENCES users (id),
    created_at       {timestamp} NOT NULL,
    CHECK (review_on >= starts_on)
){strict};
CREATE INDEX probes_team ON probes (organization_id, team_id, review_on);

CREATE TABLE probe_stories (
    probe_id  TEXT NOT NULL REFERENCES probes (id),
    story_id  TEXT NOT NULL REFERENCES stories (id),
    PRIMARY KEY (probe_id, story_id)
){strict};

-- A decision at a review; amplify and dampen may move the review day (kept on the probe), stop
-- closes the probe. The history is never rewritten.
CREATE TABLE probe_decisions (
    id          TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    probe_id    TEXT NOT NULL REFERENCES probes (id),
    decision    TEXT NOT NULL CHECK (decision IN ('amplify', 'dampen', 'stop')),
    rationale   TEXT NOT NULL,
    decided_on  {date} NOT NULL,
    decided_by  TEXT REFERENCES users (id),
    created_at  {timestamp} NOT NULL
){strict};
CREATE INDEX probe_decisions_probe ON probe_decisions (probe_id, decided_on);

-- A next step agreed in a huddle (or on its own), owned by one member of the team.
CREATE TABLE next_steps (
    id               TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    team_id          TEXT NOT NULL REFERENCES teams (id),
    huddle_id        TEXT REFERENCES huddles (id),
    description      TEXT NOT NULL,
    owner_id         TEXT NOT NULL REFERENCES users (id),
    due_on           {date} NOT NULL,
    done_at          {timestamp},
    created_by       TEXT REFERENCES users (id),
    created_at       {timestamp} NOT NULL
){strict};
CREATE INDEX next_steps_team ON next_steps (organization_id, team_id, due_on);

-- "You said, we did": shown on the campaign's collection pages to everyone it asks.
CREATE TABLE outcomes (
    id               TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    team_id          TEXT NOT NULL REFERENCES teams (id),
    campaign_id      TEXT NOT NULL REFERENCES campaigns (id),
    huddle_id        TEXT REFERENCES huddles (id),
    probe_id         TEXT REFERENCES probes (id),
    said             TEXT NOT NULL,
    did              TEXT NOT NULL,
    published_on     {date} NOT NULL,
    published_by     TEXT REFERENCES users (id),
    created_at       {timestamp} NOT NULL
){strict};
CREATE INDEX outcomes_campaign ON outcomes (organization_id, campaign_id, published_on);
CREATE INDEX outcomes_team ON outcomes (organization_id, team_id, published_on);

-- The manager's intended logic mix (hybrid profile item 10), from a short questionnaire: how much
-- rules, efficiency and co-production should shape the team's work, closed to a point on T1's
-- triangle. One per team, revisable; the card shows the gap to the mix the stories tell.
CREATE TABLE intended_logics (
    team_id          TEXT PRIMARY KEY NOT NULL REFERENCES teams (id),
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    rules            {double} NOT NULL CHECK (rules BETWEEN 0 AND 10),
    efficiency       {double} NOT NULL CHECK (efficiency BETWEEN 0 AND 10),
    together         {double} NOT NULL CHECK (together BETWEEN 0 AND 10),
    set_by           TEXT REFERENCES users (id),
    set_on           {date} NOT NULL,
    CHECK (rules + efficiency + together > 0)
){strict};
