-- The handler responsible for a case, chosen by a supervisor. Who may read it stays who holds a key
-- grant of its report; the assignee is given one when assigned.
ALTER TABLE case_file ADD COLUMN assignee_id UUID REFERENCES staff (id);
CREATE INDEX case_file_assignee_idx ON case_file (organization_id, assignee_id) WHERE assignee_id IS NOT NULL;
