-- The audit chain's head follows every appended event inside the INSERT itself, so appending
-- is two statements (advance the sequence and read the previous hash; insert the event) where
-- it was three. A request that reads a course writes one event: this is a third of its writes.
-- @sqlite
CREATE TRIGGER audit_head_follows_events AFTER INSERT ON audit_events
BEGIN
    UPDATE audit_head SET hash = NEW.hash WHERE id = 1;
END;
-- @postgres
CREATE FUNCTION audit_head_follows_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE audit_head SET hash = NEW.hash WHERE id = 1;
    RETURN NULL;
END;
$$;
CREATE TRIGGER audit_head_follows_events AFTER INSERT ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_head_follows_events();
-- @end
