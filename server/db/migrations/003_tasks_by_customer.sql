-- B4: a record's events go to the agents holding a task for its customer
-- (server/domain/change.ts): find those tasks without reading closed ones.
CREATE INDEX tasks_open_by_customer ON tasks (customer_id) WHERE state <> 'closed';
