-- Who holds parental authority over the young person (issue 20): under 15 it is they who consent
-- to what the network may see (forældreansvarsloven §§ 1-3); from 15 the young person does.
-- Recorded by the processor; 'unknown' until then.
ALTER TABLE courses ADD COLUMN parental_authority TEXT NOT NULL DEFAULT 'unknown'
    CHECK (parental_authority IN ('joint', 'sole', 'other', 'unknown'));
