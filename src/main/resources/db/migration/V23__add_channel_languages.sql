-- A channel's texts are written in one language; the same texts in other languages are kept
-- beside them (the questions' translations live in the questionnaire's definition).
ALTER TABLE channel
    ADD COLUMN language     TEXT  NOT NULL DEFAULT 'en',
    ADD COLUMN translations JSONB NOT NULL DEFAULT '{}';
