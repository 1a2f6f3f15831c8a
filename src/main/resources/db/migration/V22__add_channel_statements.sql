-- What a channel tells reporters before they send: who reads its reports and how long they are
-- kept. Empty means the default statement in the reporter's language.
ALTER TABLE channel
    ADD COLUMN who_reads TEXT NOT NULL DEFAULT '',
    ADD COLUMN retention TEXT NOT NULL DEFAULT '';
