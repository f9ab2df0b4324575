-- A chain per organization (ADR 0018): every organization's events form a hash chain of their
-- own, with its own head and its own sequence, so audited requests of one organization never
-- queue behind another's. Events without an organization (a sign-in attempt for an unknown
-- address) form the chain `system`.
--
-- `seq` stays the event's number in the whole trail (paging, references); `chain` and
-- `chain_seq` place it in its chain, and its hash covers all three. Events written before this
-- migration keep `chain` NULL: they are the single chain of before, frozen at its recorded head
-- (`audit_head`), and verify as they did.
ALTER TABLE audit_events ADD COLUMN chain TEXT;
ALTER TABLE audit_events ADD COLUMN chain_seq {bigint};
CREATE UNIQUE INDEX audit_events_chain_position ON audit_events (chain, chain_seq);

-- Each chain's head: the position and hash of its newest event (0 and the genesis hash before
-- the first). An append takes the head's lock (the write lock on SQLite, a row lock on
-- PostgreSQL) before reading it, so two appends to one chain never fork it.
CREATE TABLE audit_chains (
    chain  TEXT PRIMARY KEY NOT NULL CHECK (length(chain) BETWEEN 1 AND 64),
    seq    {bigint} NOT NULL,
    hash   TEXT NOT NULL
){strict};

-- @sqlite
DROP TRIGGER audit_head_follows_events;
-- The single chain of before takes no more events; every new event names its chain.
CREATE TRIGGER audit_events_name_their_chain BEFORE INSERT ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'an audit event belongs to a chain (chain and chain_seq)')
    WHERE NEW.chain IS NULL OR NEW.chain_seq IS NULL;
END;
CREATE TRIGGER audit_chain_follows_events AFTER INSERT ON audit_events
BEGIN
    UPDATE audit_chains SET seq = NEW.chain_seq, hash = NEW.hash WHERE chain = NEW.chain;
END;
-- The old head is frozen where the single chain ended.
DROP TRIGGER audit_head_only_moves_forward;
CREATE TRIGGER audit_head_only_moves_forward BEFORE UPDATE ON audit_head
BEGIN
    SELECT RAISE(ABORT, 'the single chain of before is closed; its head does not move')
    WHERE NOT COALESCE(NEW.id = OLD.id AND NEW.seq = OLD.seq AND NEW.hash = OLD.hash, 0);
END;
-- A chain starts at the genesis hash, moves only forward to its newest event, and is never
-- removed. COALESCE: a comparison with a missing event is NULL, and NULL must refuse.
CREATE TRIGGER audit_chains_start_at_genesis BEFORE INSERT ON audit_chains
BEGIN
    SELECT RAISE(ABORT, 'an audit chain starts empty, at the genesis hash')
    WHERE NOT (NEW.seq = 0
        AND NEW.hash = '0000000000000000000000000000000000000000000000000000000000000000');
END;
CREATE TRIGGER audit_chains_only_move_forward BEFORE UPDATE ON audit_chains
BEGIN
    SELECT RAISE(ABORT, 'an audit chain''s head only moves forward, to its newest event')
    WHERE NOT COALESCE(
        (NEW.chain = OLD.chain AND NEW.seq = OLD.seq AND NEW.hash = OLD.hash)
        OR (NEW.chain = OLD.chain AND NEW.seq > OLD.seq
            AND NEW.seq = (SELECT MAX(chain_seq) FROM audit_events WHERE chain = NEW.chain)
            AND NEW.hash = (SELECT hash FROM audit_events
                            WHERE chain = NEW.chain AND chain_seq = NEW.seq)),
        0);
END;
CREATE TRIGGER audit_chains_no_delete BEFORE DELETE ON audit_chains
BEGIN SELECT RAISE(ABORT, 'an audit chain''s head cannot be removed'); END;
-- @postgres
DROP TRIGGER audit_head_follows_events ON audit_events;
-- The trail's numbering, shared by every chain: concurrent appends to different chains take
-- numbers without waiting for each other.
CREATE SEQUENCE audit_events_seq;
SELECT setval('audit_events_seq', COALESCE((SELECT MAX(seq) FROM audit_events), 0) + 1, false);
CREATE FUNCTION audit_events_name_their_chain() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.chain IS NULL OR NEW.chain_seq IS NULL THEN
        RAISE EXCEPTION 'an audit event belongs to a chain (chain and chain_seq)';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER audit_events_name_their_chain BEFORE INSERT ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_name_their_chain();
CREATE FUNCTION audit_chain_follows_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE audit_chains SET seq = NEW.chain_seq, hash = NEW.hash WHERE chain = NEW.chain;
    RETURN NULL;
END;
$$;
CREATE TRIGGER audit_chain_follows_events AFTER INSERT ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_chain_follows_events();
CREATE OR REPLACE FUNCTION audit_head_only_moves_forward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id = OLD.id AND NEW.seq = OLD.seq AND NEW.hash = OLD.hash THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'the single chain of before is closed; its head does not move';
END;
$$;
CREATE FUNCTION audit_chains_start_at_genesis() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.seq = 0
        AND NEW.hash = '0000000000000000000000000000000000000000000000000000000000000000' THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'an audit chain starts empty, at the genesis hash';
END;
$$;
CREATE TRIGGER audit_chains_start_at_genesis BEFORE INSERT ON audit_chains
    FOR EACH ROW EXECUTE FUNCTION audit_chains_start_at_genesis();
-- An IF whose condition is NULL (a missing event) takes the refusing branch.
CREATE FUNCTION audit_chains_only_move_forward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.chain = OLD.chain AND NEW.seq = OLD.seq AND NEW.hash = OLD.hash THEN
        RETURN NEW;
    END IF;
    IF NEW.chain = OLD.chain AND NEW.seq > OLD.seq
        AND NEW.seq = (SELECT MAX(chain_seq) FROM audit_events WHERE chain = NEW.chain)
        AND NEW.hash = (SELECT hash FROM audit_events
                        WHERE chain = NEW.chain AND chain_seq = NEW.seq) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'an audit chain''s head only moves forward, to its newest event';
END;
$$;
CREATE TRIGGER audit_chains_only_move_forward BEFORE UPDATE ON audit_chains
    FOR EACH ROW EXECUTE FUNCTION audit_chains_only_move_forward();
CREATE TRIGGER audit_chains_no_delete BEFORE DELETE OR TRUNCATE ON audit_chains
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
-- @end
