-- The young person can disagree with shared minutes, in their own words (issue 20): the
-- processor sees it on the meeting, and the course summary carries it. The minutes stay
-- unapproved; a later approval keeps the disagreement as part of the record.
ALTER TABLE meetings ADD COLUMN minutes_disagreement TEXT;
ALTER TABLE meetings ADD COLUMN minutes_disagreed_at TIMESTAMPTZ;
