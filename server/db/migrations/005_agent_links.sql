-- N3: an agent's link to the service, as every instance sees it. Each open
-- event stream is a row, kept fresh by the instance holding it (seen_at on
-- the wall clock, so the test clock's jumps do not age it); the rows of a
-- killed instance go stale and are swept by the others. link_lost_at, on
-- the care clock like offer deadlines, is when the agent's last stream
-- went: routing skips an agent whose link is down, and an offer that
-- expires after its agent's link went does not cost them R13's Not Ready.
-- An agent never seen with a stream (an API client) counts as linked.
CREATE FUNCTION care_wall_ms() RETURNS bigint LANGUAGE sql VOLATILE AS $$
  SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint
$$;

CREATE TABLE agent_streams (
  id text PRIMARY KEY,
  agent_id text NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  instance text NOT NULL,
  seen_at bigint NOT NULL
);
CREATE INDEX agent_streams_agent ON agent_streams (agent_id);
CREATE INDEX agent_streams_instance ON agent_streams (instance);

ALTER TABLE agents ADD COLUMN link_lost_at bigint;
