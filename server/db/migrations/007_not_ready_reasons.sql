-- X3: why an agent is Not Ready, as they chose it from the host's list
-- ("Lunch", "Training" …); NULL when Ready, or when R13 set Not Ready
-- (status_reason 'offer-timeout' says that).
ALTER TABLE agents ADD COLUMN not_ready_reason text;
