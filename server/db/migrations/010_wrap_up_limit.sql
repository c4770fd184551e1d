-- X6: after-contact work with a time limit. The agent ends the interaction
-- and the task, still theirs, waits for its wrap-up until wrap_up_until
-- (the queue's wrap_up.limitSeconds later; NULL for no limit); past it any
-- instance's sweeper closes it without one. The deadline is a column, so a
-- killed instance delays nothing (B3).
ALTER TABLE tasks ADD COLUMN wrap_up_started_at bigint, ADD COLUMN wrap_up_until bigint;
CREATE INDEX tasks_wrap_up_due ON tasks (wrap_up_until) WHERE state = 'accepted' AND wrap_up_until IS NOT NULL;
