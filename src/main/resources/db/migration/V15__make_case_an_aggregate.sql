-- A case is an aggregate with a workflow state and a version for optimistic locking. Who may work
-- it is who holds a key grant of its report: the membership table repeated that and goes.
ALTER TABLE case_file RENAME COLUMN status TO state;
ALTER TABLE case_file ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
DROP TABLE case_member;
