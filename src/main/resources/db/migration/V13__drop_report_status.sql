-- A report row holds what was received; its status lives in the mailbox (for the reporter) and in
-- the case (for staff), its activity in the case's read model.
ALTER TABLE report DROP COLUMN status;
ALTER TABLE report DROP COLUMN updated_at;
