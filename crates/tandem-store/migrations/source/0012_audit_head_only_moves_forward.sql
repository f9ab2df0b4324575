-- The chain's head may only move forward, to the newest event and its hash, and is never
-- removed (migration 0002): moving it back to hide a cut tail is refused like an UPDATE of an
-- event. Appending now moves the head inside the insert's trigger (sequence and hash together),
-- so the only other update allowed is one that changes nothing: the append takes the head's
-- lock with it before reading the previous hash.
-- @sqlite
DROP TRIGGER audit_head_follows_events;
CREATE TRIGGER audit_head_follows_events AFTER INSERT ON audit_events
BEGIN
    UPDATE audit_head SET seq = NEW.seq, hash = NEW.hash WHERE id = 1;
END;
-- COALESCE: a comparison with a missing event is NULL, and NULL must refuse, not allow.
CREATE TRIGGER audit_head_only_moves_forward BEFORE UPDATE ON audit_head
BEGIN
    SELECT RAISE(ABORT, 'the audit head only moves forward, to the newest event')
    WHERE NOT COALESCE(
        (NEW.id = OLD.id AND NEW.seq = OLD.seq AND NEW.hash = OLD.hash)
        OR (NEW.id = OLD.id AND NEW.seq > OLD.seq
            AND NEW.seq = (SELECT MAX(seq) FROM audit_events)
            AND NEW.hash = (SELECT hash FROM audit_events WHERE seq = NEW.seq)),
        0);
END;
-- @postgres
CREATE OR REPLACE FUNCTION audit_head_follows_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE audit_head SET seq = NEW.seq, hash = NEW.hash WHERE id = 1;
    RETURN NULL;
END;
$$;
-- An IF whose condition is NULL (a missing event) takes the refusing branch.
CREATE FUNCTION audit_head_only_moves_forward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id = OLD.id AND NEW.seq = OLD.seq AND NEW.hash = OLD.hash THEN
        RETURN NEW;
    END IF;
    IF NEW.id = OLD.id AND NEW.seq > OLD.seq
        AND NEW.seq = (SELECT MAX(seq) FROM audit_events)
        AND NEW.hash = (SELECT hash FROM audit_events WHERE seq = NEW.seq) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'the audit head only moves forward, to the newest event';
END;
$$;
CREATE TRIGGER audit_head_only_moves_forward BEFORE UPDATE ON audit_head
    FOR EACH ROW EXECUTE FUNCTION audit_head_only_moves_forward();
-- @end
