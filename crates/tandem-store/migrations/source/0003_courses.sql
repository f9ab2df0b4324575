-- Co-production courses: the course and its young person, the network (eco-map), goals, steps,
-- meetings, ratings by the instrument engine, alerts, statements and costs.
--
-- Every table carries organization_id so that every query can hold the tenant predicate (R5).
-- Deadlines are not stored: they are computed from the course's dates and the rule set.
-- Values of instruments are tenths (integers), so 35.9 and 36.0 compare exactly.

-- Organization settings that courses depend on. The amber threshold, rule set and feedback
-- thresholds are the organization's to choose; the defaults are the specification's.
ALTER TABLE organizations ADD COLUMN managers_read_courses {bool} NOT NULL DEFAULT {true};
ALTER TABLE organizations ADD COLUMN amber_days INTEGER NOT NULL DEFAULT 14;
ALTER TABLE organizations ADD COLUMN deadline_rules TEXT NOT NULL DEFAULT 'barnets_lov';
ALTER TABLE organizations ADD COLUMN feedback_total_below INTEGER NOT NULL DEFAULT 360;
ALTER TABLE organizations ADD COLUMN feedback_item_below INTEGER NOT NULL DEFAULT 90;
ALTER TABLE organizations ADD COLUMN legal_bases TEXT NOT NULL DEFAULT '§ 32 Støtte til barn og familie
§ 46 Anbringelse med samtykke
§ 47 Anbringelse uden samtykke
§ 114 Efterværn
Andet';

-- No national ID: the system of record holds it; external_reference points there.
CREATE TABLE courses (
    id                         TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    organization_id            TEXT NOT NULL REFERENCES organizations (id),
    team_id                    TEXT NOT NULL REFERENCES teams (id),
    processor_id               TEXT NOT NULL REFERENCES users (id),
    status                     TEXT NOT NULL CHECK (status IN ('referred', 'assessing', 'active', 'paused', 'closed')),
    young_person_name          TEXT NOT NULL,
    birth_date                 {date} NOT NULL,
    preferred_language         TEXT NOT NULL CHECK (preferred_language IN ('da', 'en')),
    accessibility_needs        TEXT,
    legal_basis                TEXT NOT NULL,
    awareness_date             {date} NOT NULL,
    assessment_kind            TEXT NOT NULL CHECK (assessment_kind IN ('child_assessment', 'parallel')),
    assessment_completed       {date},
    decision_date              {date},
    placement                  {bool} NOT NULL,
    placement_without_consent  {bool} NOT NULL,
    plan_kind                  TEXT NOT NULL CHECK (plan_kind IN ('child_plan', 'youth_plan', 'none')),
    plan_completed             {date},
    intervention_start         {date},
    follow_up_interval_days    INTEGER,
    follow_up_reason           TEXT,
    closure_date               {date},
    closure_reason             TEXT CHECK (closure_reason IN ('mutual', 'unilateral_by_young_person', 'moved', 'aged_out', 'other')),
    external_reference         TEXT,
    internal_note              TEXT,
    created_at                 {timestamp} NOT NULL,
    updated_at                 {timestamp} NOT NULL
){strict};
CREATE INDEX courses_processor ON courses (organization_id, processor_id);
CREATE INDEX courses_team ON courses (organization_id, team_id);

-- Deputies have the processor's access (access-policy.md).
CREATE TABLE course_deputies (
    course_id        TEXT NOT NULL REFERENCES courses (id),
    user_id          TEXT NOT NULL REFERENCES users (id),
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    PRIMARY KEY (course_id, user_id)
){strict};

-- A relation on the eco-map. Roles are space-separated words; the consent scope says which of
-- the course's goals, steps and meetings the member may see once they have their own login.
CREATE TABLE network_members (
    id                  TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    course_id           TEXT NOT NULL REFERENCES courses (id),
    organization_id     TEXT NOT NULL REFERENCES organizations (id),
    name                TEXT NOT NULL,
    sector              TEXT NOT NULL CHECK (sector IN ('family', 'friends', 'school_work', 'leisure', 'professional')),
    relation            TEXT NOT NULL,
    strength            TEXT NOT NULL CHECK (strength IN ('strong', 'moderate', 'tenuous')),
    stressful           {bool} NOT NULL,
    direction           TEXT NOT NULL CHECK (direction IN ('to_young_person', 'from_young_person', 'mutual', 'none')),
    roles               TEXT NOT NULL,
    birth_date          {date},
    consent_goals       {bool} NOT NULL,
    consent_steps       {bool} NOT NULL,
    consent_meetings    {bool} NOT NULL,
    consent_given_by    TEXT,
    consent_given_at    {timestamp},
    consent_revoked_at  {timestamp},
    active_from         {date} NOT NULL,
    active_to           {date},
    created_at          {timestamp} NOT NULL
){strict};
CREATE INDEX network_members_course ON network_members (course_id);

CREATE TABLE meetings (
    id                      TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    course_id               TEXT NOT NULL REFERENCES courses (id),
    organization_id         TEXT NOT NULL REFERENCES organizations (id),
    kind                    TEXT NOT NULL CHECK (kind IN ('network_meeting', 'family_group_conference', 'follow_up', 'child_conversation', 'supervision_visit', 'session')),
    held_on                 {date} NOT NULL,
    held                    {bool} NOT NULL,
    facilitator_id          TEXT REFERENCES users (id),
    young_person_present    {bool} NOT NULL,
    young_person_channel    TEXT CHECK (young_person_channel IN ('in_person', 'online', 'async_statement')),
    views_own_words         TEXT,
    private_family_time     {bool} NOT NULL,
    support_person_present  {bool} NOT NULL,
    outcomes                TEXT,
    minutes                 TEXT,
    minutes_shared          {bool} NOT NULL,
    minutes_approved_at     {timestamp},
    next_meeting            {date},
    created_at              {timestamp} NOT NULL
){strict};
CREATE INDEX meetings_course ON meetings (course_id, held_on);

CREATE TABLE meeting_participants (
    meeting_id       TEXT NOT NULL REFERENCES meetings (id),
    member_id        TEXT NOT NULL REFERENCES network_members (id),
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    attended         {bool} NOT NULL,
    channel          TEXT CHECK (channel IN ('in_person', 'online', 'async_statement')),
    PRIMARY KEY (meeting_id, member_id)
){strict};

-- A dated copy of all relations (JSON), so change over time can be shown.
CREATE TABLE ecomap_snapshots (
    id               TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    course_id        TEXT NOT NULL REFERENCES courses (id),
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    taken_on         {date} NOT NULL,
    meeting_id       TEXT REFERENCES meetings (id),
    entries          TEXT NOT NULL,
    created_at       {timestamp} NOT NULL
){strict};
CREATE INDEX ecomap_snapshots_course ON ecomap_snapshots (course_id, taken_on);

-- The young person's own words are the record: required, never replaced by the restatement.
CREATE TABLE goals (
    id               TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    course_id        TEXT NOT NULL REFERENCES courses (id),
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    own_words        TEXT NOT NULL CHECK (length(own_words) > 0),
    author           TEXT NOT NULL,
    restatement      TEXT,
    life_area        TEXT NOT NULL CHECK (life_area IN ('school', 'family', 'friends', 'health', 'leisure', 'housing', 'work', 'safety', 'other')),
    anchor_low       TEXT,
    anchor_high      TEXT,
    target_date      {date},
    status           TEXT NOT NULL CHECK (status IN ('active', 'achieved', 'dropped', 'replaced')),
    created_at       {timestamp} NOT NULL
){strict};
CREATE INDEX goals_course ON goals (course_id);

-- Every step has exactly one owner; the owner columns must agree with the owner kind.
CREATE TABLE steps (
    id               TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    course_id        TEXT NOT NULL REFERENCES courses (id),
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    goal_id          TEXT REFERENCES goals (id),
    description      TEXT NOT NULL CHECK (length(description) > 0),
    owner_kind       TEXT NOT NULL CHECK (owner_kind IN ('young_person', 'network', 'staff')),
    owner_member_id  TEXT REFERENCES network_members (id),
    owner_staff_id   TEXT REFERENCES users (id),
    due_date         {date},
    status           TEXT NOT NULL CHECK (status IN ('planned', 'in_progress', 'done', 'not_done')),
    completed_on     {date},
    note             TEXT,
    meeting_id       TEXT REFERENCES meetings (id),
    created_at       {timestamp} NOT NULL,
    CHECK ((owner_kind = 'network') = (owner_member_id IS NOT NULL)),
    CHECK ((owner_kind = 'staff') = (owner_staff_id IS NOT NULL))
){strict};
CREATE INDEX steps_course ON steps (course_id);

-- Administrator-defined instruments, and the organization's edits (norms, thresholds) of the
-- shipped ones, as JSON definitions validated by the domain before they are stored.
CREATE TABLE instruments (
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    key              TEXT NOT NULL,
    definition       TEXT NOT NULL,
    created_at       {timestamp} NOT NULL,
    PRIMARY KEY (organization_id, key)
){strict};

-- A rating round: one instrument, invited raters, blind until all have rated or the facilitator
-- reveals; then "what makes it that number?" is recorded as the reflection.
CREATE TABLE rating_rounds (
    id               TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    course_id        TEXT NOT NULL REFERENCES courses (id),
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    instrument_key   TEXT NOT NULL,
    goal_id          TEXT REFERENCES goals (id),
    meeting_id       TEXT REFERENCES meetings (id),
    mode             TEXT NOT NULL CHECK (mode IN ('self', 'collaborative', 'worker_only')),
    opened_by        TEXT REFERENCES users (id),
    opened_at        {timestamp} NOT NULL,
    revealed_at      {timestamp},
    reflection       TEXT
){strict};
CREATE INDEX rating_rounds_course ON rating_rounds (course_id, opened_at);

-- One invited rater of a round; item values (JSON array of tenths) stay NULL until they rate.
CREATE TABLE ratings (
    id               TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    round_id         TEXT NOT NULL REFERENCES rating_rounds (id),
    course_id        TEXT NOT NULL REFERENCES courses (id),
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    rater_role       TEXT NOT NULL CHECK (rater_role IN ('young_person', 'parent', 'network', 'worker')),
    rater_label      TEXT NOT NULL,
    item_values      TEXT,
    total            INTEGER,
    comment          TEXT,
    rated_at         {timestamp}
){strict};
CREATE INDEX ratings_round ON ratings (round_id);
CREATE INDEX ratings_course ON ratings (course_id);

-- Something the processor must look at; resolving it records what was done.
CREATE TABLE alerts (
    id               TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    course_id        TEXT NOT NULL REFERENCES courses (id),
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    kind             TEXT NOT NULL CHECK (kind IN ('session_feedback', 'deterioration', 'worry')),
    source_id        TEXT,
    detail           TEXT NOT NULL,
    raised_at        {timestamp} NOT NULL,
    resolved_at      {timestamp},
    resolved_by      TEXT REFERENCES users (id),
    resolution       TEXT
){strict};
CREATE INDEX alerts_course ON alerts (course_id, resolved_at);

-- The young person's voice between meetings.
CREATE TABLE statements (
    id               TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    course_id        TEXT NOT NULL REFERENCES courses (id),
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    topic            TEXT NOT NULL CHECK (topic IN ('prepare_meeting', 'worry', 'good_news', 'problem')),
    body             TEXT NOT NULL,
    unsafe_flag      {bool} NOT NULL,
    created_at       {timestamp} NOT NULL,
    read_at          {timestamp},
    read_by          TEXT REFERENCES users (id),
    response         TEXT,
    responded_at     {timestamp}
){strict};
CREATE INDEX statements_course ON statements (course_id, read_at);

-- Costs for the efficiency view: whole kroner per month.
CREATE TABLE cost_entries (
    id               TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    course_id        TEXT NOT NULL REFERENCES courses (id),
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    measure          TEXT NOT NULL,
    provider         TEXT NOT NULL,
    from_date        {date} NOT NULL,
    to_date          {date},
    monthly_amount   INTEGER NOT NULL CHECK (monthly_amount >= 0),
    created_at       {timestamp} NOT NULL
){strict};
CREATE INDEX cost_entries_course ON cost_entries (course_id);
