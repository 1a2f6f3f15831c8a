-- A reward needs a reporter who can be reached (DOMAIN.md, scenario 6): the mailbox keeps the day
-- (not the time) its receipt last opened it, nothing else about the visit.
ALTER TABLE mailbox ADD COLUMN opened_on DATE;

-- A reward notice is a message of its own kind.
ALTER TABLE message DROP CONSTRAINT message_kind_check;
ALTER TABLE message ADD CONSTRAINT message_kind_check
    CHECK (kind IN ('MESSAGE', 'ACKNOWLEDGEMENT', 'FEEDBACK', 'QUESTION', 'REWARD'));
