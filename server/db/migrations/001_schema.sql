-- Care Kit's reference schema. Times are epoch milliseconds (bigint), as the
-- protocol carries them; deadlines are compared with care_now_ms(), the
-- database's clock, so every instance agrees on them (B3).

-- One row: the test-only clock offset (B3) and nothing else.
CREATE TABLE care_settings (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  clock_offset_ms bigint NOT NULL DEFAULT 0
);
INSERT INTO care_settings DEFAULT VALUES;

CREATE FUNCTION care_now_ms() RETURNS bigint LANGUAGE sql STABLE AS $$
  SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint + (SELECT clock_offset_ms FROM care_settings)
$$;

CREATE TABLE queues (
  id text PRIMARY KEY,
  name text NOT NULL,
  routing text NOT NULL CHECK (routing IN ('pick', 'push')),
  media text[] NOT NULL
);

CREATE TABLE agents (
  id text PRIMARY KEY,
  name text NOT NULL,
  login text NOT NULL UNIQUE,
  password_hash text,
  status text NOT NULL CHECK (status IN ('ready', 'not-ready')),
  status_reason text NOT NULL,
  status_since bigint NOT NULL,
  -- Push routing offers to the longest-idle Ready agent (R26).
  idle_since bigint NOT NULL,
  version integer NOT NULL DEFAULT 1,
  updated_at bigint NOT NULL
);

CREATE TABLE agent_queues (
  agent_id text NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  queue_id text NOT NULL REFERENCES queues(id) ON DELETE CASCADE,
  PRIMARY KEY (agent_id, queue_id)
);
CREATE INDEX agent_queues_queue ON agent_queues (queue_id);

CREATE TABLE customers (
  id text PRIMARY KEY,
  version integer NOT NULL DEFAULT 1,
  name text NOT NULL,
  email text NOT NULL,
  phone text NOT NULL,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  updated_by text REFERENCES agents(id)
);
-- R27: an arriving contact is matched by email or by phone digits.
CREATE INDEX customers_email ON customers (lower(btrim(email))) WHERE btrim(email) <> '';
CREATE INDEX customers_phone ON customers (regexp_replace(phone, '\D', '', 'g'));

CREATE TABLE requests (
  id text PRIMARY KEY,
  version integer NOT NULL DEFAULT 1,
  customer_id text NOT NULL REFERENCES customers(id),
  title text NOT NULL,
  description text NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'resolved', 'closed')),
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  updated_by text REFERENCES agents(id),
  completed_at bigint,
  -- R18: when the open request closes by itself; swept by every instance (B3).
  auto_close_at bigint,
  CHECK ((status = 'open') = (auto_close_at IS NOT NULL))
);
CREATE INDEX requests_customer ON requests (customer_id, created_at);
CREATE INDEX requests_auto_close ON requests (auto_close_at) WHERE status = 'open';

CREATE TABLE activities (
  id text PRIMARY KEY,
  version integer NOT NULL DEFAULT 1,
  customer_id text REFERENCES customers(id),
  request_id text REFERENCES requests(id),
  media text NOT NULL,
  summary text NOT NULL,
  started_at bigint NOT NULL,
  ended_at bigint,
  call_from text,
  call_connected_at bigint,
  call_ended_at bigint,
  updated_at bigint NOT NULL,
  updated_by text REFERENCES agents(id)
);
CREATE INDEX activities_customer ON activities (customer_id, started_at);
CREATE INDEX activities_request ON activities (request_id);

-- R9: tags are a set per activity, unique after normalisation (tag_key).
CREATE TABLE activity_tags (
  activity_id text NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
  tag text NOT NULL,
  tag_key text NOT NULL,
  position bigint GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (activity_id, tag_key)
);

CREATE TABLE comments (
  id text PRIMARY KEY,
  activity_id text NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
  author_id text NOT NULL REFERENCES agents(id),
  author_name text NOT NULL,
  text text NOT NULL,
  created_at bigint NOT NULL,
  position bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX comments_activity ON comments (activity_id, position);

CREATE TABLE chat_messages (
  id text PRIMARY KEY,
  activity_id text NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
  sender text NOT NULL CHECK (sender IN ('customer', 'agent', 'system')),
  author_name text NOT NULL,
  text text NOT NULL,
  at bigint NOT NULL,
  position bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX chat_messages_activity ON chat_messages (activity_id, position);

CREATE TABLE tasks (
  id text PRIMARY KEY,
  version integer NOT NULL DEFAULT 1,
  queue_id text NOT NULL REFERENCES queues(id),
  routing text NOT NULL CHECK (routing IN ('pick', 'push')),
  media text NOT NULL,
  state text NOT NULL CHECK (state IN ('queued', 'offered', 'accepted', 'closed')),
  customer_id text REFERENCES customers(id),
  contact_name text NOT NULL,
  contact_email text NOT NULL,
  contact_phone text NOT NULL,
  activity_id text NOT NULL REFERENCES activities(id),
  received_at bigint NOT NULL,
  offered_to text REFERENCES agents(id),
  offered_at bigint,
  -- R13: when a pending offer times out; swept by every instance (B3).
  offer_deadline bigint,
  accepted_by text REFERENCES agents(id),
  accepted_at bigint,
  closed_at bigint,
  updated_at bigint NOT NULL,
  updated_by text REFERENCES agents(id),
  CHECK ((state = 'offered') = (offered_to IS NOT NULL AND offer_deadline IS NOT NULL)),
  CHECK ((state IN ('accepted', 'closed')) = (accepted_by IS NOT NULL))
);
-- B2: at most one pending offer per agent, and one call in progress per agent (R5).
CREATE UNIQUE INDEX tasks_one_offer_per_agent ON tasks (offered_to) WHERE state = 'offered';
CREATE UNIQUE INDEX tasks_one_call_per_agent ON tasks (accepted_by) WHERE state = 'accepted' AND media = 'call';
CREATE INDEX tasks_queued ON tasks (queue_id, received_at) WHERE state = 'queued';
CREATE INDEX tasks_offer_deadline ON tasks (offer_deadline) WHERE state = 'offered';
CREATE INDEX tasks_accepted ON tasks (accepted_by) WHERE state = 'accepted';
CREATE INDEX tasks_activity ON tasks (activity_id);

-- B4: the event log. `seq` comes from the single counter row, taken last in
-- each transaction, so sequence numbers are gapless and in commit order.
CREATE TABLE event_counter (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  seq bigint NOT NULL DEFAULT 0
);
INSERT INTO event_counter DEFAULT VALUES;

CREATE TABLE events (
  seq bigint PRIMARY KEY,
  at bigint NOT NULL,
  -- The agents who hear it; NULL means every agent.
  audience text[],
  payload jsonb NOT NULL
);

-- B6: signed-in sessions; only a hash of the token is stored.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  agent_id text NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  created_at bigint NOT NULL,
  expires_at bigint NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expires_at);

-- N3: an append retried with the same key answers what the first one did.
CREATE TABLE idempotency_keys (
  agent_id text NOT NULL,
  key text NOT NULL,
  operation text NOT NULL,
  response jsonb NOT NULL,
  created_at bigint NOT NULL,
  PRIMARY KEY (agent_id, key)
);
CREATE INDEX idempotency_keys_age ON idempotency_keys (created_at);

-- Ids for new records, shared by every instance.
CREATE SEQUENCE record_ids;
