-- A young person's worry is a tracked event (ADR 0016): it must be acknowledged within the
-- organization's deadline, counted in office hours; if nobody does, it moves up one step — to
-- the team manager, then to the duty contact — and every step is audited and notified.

-- The organization's rules for worries: the deadline in office minutes, the office hours it
-- runs in (days as digits, Monday = 1), and the duty contact (both empty: none).
ALTER TABLE organizations ADD COLUMN worry_minutes INTEGER NOT NULL DEFAULT 60;
ALTER TABLE organizations ADD COLUMN office_days TEXT NOT NULL DEFAULT '12345';
ALTER TABLE organizations ADD COLUMN office_opens TEXT NOT NULL DEFAULT '08:00';
ALTER TABLE organizations ADD COLUMN office_closes TEXT NOT NULL DEFAULT '16:00';
ALTER TABLE organizations ADD COLUMN duty_name TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN duty_email TEXT NOT NULL DEFAULT '';

-- A worry alert's place on its way up: 0 the processor (or the course's deputy while the
-- processor is away), 1 the team manager, 2 the duty contact; when the next step is due (none
-- at the last step, or once acknowledged). The escalation job moves a worry only from the
-- step it read, so two instances never move it twice.
ALTER TABLE alerts ADD COLUMN escalation INTEGER NOT NULL DEFAULT 0 CHECK (escalation BETWEEN 0 AND 2);
ALTER TABLE alerts ADD COLUMN next_step_at TIMESTAMPTZ;
CREATE INDEX alerts_next_step ON alerts (next_step_at) WHERE resolved_at IS NULL;

-- Out of office, set by the member of staff or their team manager: until this date (included)
-- a new worry goes at once to the course's deputy, or to the team manager.
ALTER TABLE users ADD COLUMN away_until DATE;

-- The processor's replies to the young person's messages, a thread the young person reads on
-- their own page. The one answer a statement could carry until now becomes its first reply.
CREATE TABLE statement_replies (
    id               TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    statement_id     TEXT NOT NULL REFERENCES statements (id),
    course_id        TEXT NOT NULL REFERENCES courses (id),
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    body             TEXT NOT NULL,
    author_id        TEXT REFERENCES users (id),
    created_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX statement_replies_course ON statement_replies (course_id, created_at);
INSERT INTO statement_replies (id, statement_id, course_id, organization_id, body, author_id, created_at)
    SELECT id, id, course_id, organization_id, response, read_by, COALESCE(responded_at, read_at, created_at)
    FROM statements WHERE response IS NOT NULL;

-- E-mail waiting to be sent: written in the transaction that raises or moves a worry, sent by
-- whichever instance claims it first. A message names no person and no text, only that a worry
-- in a course waits, and links to Tandem.
CREATE TABLE notifications (
    id               TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    alert_id         TEXT NOT NULL REFERENCES alerts (id),
    kind             TEXT NOT NULL CHECK (kind IN ('worry_new', 'worry_team_manager', 'worry_duty_contact')),
    recipient        TEXT NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    claimed_at       TIMESTAMPTZ,
    sent_at          TIMESTAMPTZ,
    attempts         INTEGER NOT NULL DEFAULT 0,
    last_error       TEXT
);
CREATE INDEX notifications_unsent ON notifications (created_at) WHERE sent_at IS NULL;
