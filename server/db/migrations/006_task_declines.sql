-- X2: who declined which task, and when (on the care clock). Routing does
-- not offer a task to an agent who declined it within the cool-down, so a
-- declined offer goes to the next agent at once; the rows go with their task.
CREATE TABLE task_declines (
  task_id text NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  agent_id text NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
  declined_at bigint NOT NULL,
  PRIMARY KEY (task_id, agent_id)
);
