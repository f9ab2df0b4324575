-- Each time a young person puts one of their goals in new words (issue 22: "goals the young
-- person wrote or revised"): rewording replaces the goal's words in place, so without this row
-- the revision left no trace for a probe's course measure to count.
CREATE TABLE goal_rewordings (
    goal_id          TEXT NOT NULL REFERENCES goals (id),
    course_id        TEXT NOT NULL REFERENCES courses (id),
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    reworded_at      TEXT NOT NULL
) STRICT;
CREATE INDEX goal_rewordings_course ON goal_rewordings (course_id, organization_id);
