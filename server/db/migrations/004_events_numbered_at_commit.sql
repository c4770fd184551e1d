-- B4: events are numbered inside COMMIT. A change inserts its events with
-- temporary negative keys; a deferred constraint trigger, which PostgreSQL
-- runs as part of COMMIT, takes the counter row and gives them their real
-- sequence numbers. The counter is then held only for the commit itself,
-- never across a round trip to a busy instance, and numbers still follow
-- commit order without gaps: the next transaction reaches the counter only
-- after this one has committed (and is visible).
CREATE SEQUENCE event_staging;

CREATE FUNCTION care_number_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  numbered bigint;
BEGIN
  UPDATE event_counter SET seq = seq + 1 RETURNING seq INTO numbered;
  UPDATE events SET seq = numbered WHERE seq = NEW.seq;
  PERFORM pg_notify('care_events', numbered::text);
  RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER events_numbered_at_commit AFTER INSERT ON events
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.seq < 0) EXECUTE FUNCTION care_number_event();
