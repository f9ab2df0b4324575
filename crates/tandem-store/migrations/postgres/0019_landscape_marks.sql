-- Marked regions of a campaign's landscapes (issue 22, "more like these, fewer like those"): a
-- zone of a triad ('a', 'b', 'c', 'ab', 'bc', 'ac', 'centre') or a third of a dyad or slider
-- ('low', 'middle', 'high') that a reader wants more or fewer stories in. The share of stories
-- in the region is computed from the answers each time it is shown, never stored. A probe may
-- take a mark as its intent; its page then follows the region's share.
CREATE TABLE landscape_marks (
    id               TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    campaign_id      TEXT NOT NULL REFERENCES campaigns (id),
    question         TEXT NOT NULL CHECK (length(question) BETWEEN 1 AND 64),
    region           TEXT NOT NULL CHECK (region IN ('a', 'b', 'c', 'ab', 'bc', 'ac', 'centre', 'low', 'middle', 'high')),
    direction        TEXT NOT NULL CHECK (direction IN ('more', 'fewer')),
    note             TEXT,
    marked_on        DATE NOT NULL,
    created_by       TEXT REFERENCES users (id),
    created_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX landscape_marks_campaign ON landscape_marks (organization_id, campaign_id, created_at);

ALTER TABLE probes ADD COLUMN mark_id TEXT REFERENCES landscape_marks (id);
