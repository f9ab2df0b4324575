-- Each audit event records the id of the key, in the audit key file outside the database, whose
-- HMAC-SHA-256 its hash is (ADR 0015): whoever can write to the database but lacks the key file
-- cannot recompute a rewritten chain. Events written before have no key id; they stay the
-- legacy plain SHA-256 chain, and the first keyed event chains from the last of them.
ALTER TABLE audit_events ADD COLUMN key_id TEXT;
