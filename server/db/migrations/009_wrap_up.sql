-- X6: a queue may ask for a wrap-up when its tasks close: a disposition code
-- from its list (required or not) and a note. The rule is the queue's
-- ({ "codes": [...], "required": bool }, NULL when it asks nothing); the
-- agent's answer stays on the task.
ALTER TABLE queues ADD COLUMN wrap_up jsonb;
ALTER TABLE tasks ADD COLUMN wrap_up_code text, ADD COLUMN wrap_up_note text;
