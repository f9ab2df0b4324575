-- The manager's decision journal (issue 22, "management measured as management"): what a team's
-- manager decided, on which day, and which of T1's logics they weighed — rules, efficiency,
-- getting there together (at least one). The journal's mix is computed when shown: the logics
-- weighed share a decision equally.
CREATE TABLE decision_journal (
    id               TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    team_id          TEXT NOT NULL REFERENCES teams (id),
    decided_on       DATE NOT NULL,
    decision         TEXT NOT NULL,
    why              TEXT,
    rules            BOOLEAN NOT NULL,
    efficiency       BOOLEAN NOT NULL,
    together         BOOLEAN NOT NULL,
    created_by       TEXT REFERENCES users (id),
    created_at       TIMESTAMPTZ NOT NULL,
    CHECK (rules OR efficiency OR together)
);
CREATE INDEX decision_journal_team ON decision_journal (organization_id, team_id, decided_on);
