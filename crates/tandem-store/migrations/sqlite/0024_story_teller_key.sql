-- Who told an imported story, as its file named them: the story CSV's pseudonymous `teller` key
-- (sensemaking.md §2), so the pattern pages count one person's stories as one person (§6).
-- Stories told in Tandem need no key: their author or citizen account says who told them. The
-- key is never shown, and an export writes a pseudonym of its own instead.
ALTER TABLE stories ADD COLUMN teller_key TEXT CHECK (teller_key IS NULL OR length(teller_key) BETWEEN 1 AND 100);
