-- A reporter's answers about the same consent are ordered by when they were stored, even when two
-- share a timestamp: the latest counts.
ALTER TABLE consent ADD COLUMN seq BIGINT GENERATED ALWAYS AS IDENTITY;
