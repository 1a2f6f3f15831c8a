-- Attachments belong to reports; the message a later file came with is named, not referenced:
-- reports must not depend on the mailbox's table.
ALTER TABLE attachment DROP CONSTRAINT attachment_message_id_fkey;
