-- X7: the contact centre's canned responses, in the order agents see them.
-- Placeholders ({customer}, {agent}) are stored as written and filled in by
-- the desk when an agent picks one.
CREATE TABLE canned_responses (
  id text PRIMARY KEY,
  position integer NOT NULL,
  title text NOT NULL,
  text text NOT NULL
);
