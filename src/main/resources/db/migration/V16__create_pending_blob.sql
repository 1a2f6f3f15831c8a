-- Files of an upload still in progress: sealed into the blob store but not yet named by an
-- attachment row. The sweeper leaves them alone, so the first files of a long multi-file upload
-- are not removed before it commits. Rows go when the upload commits or is discarded; rows a crash
-- left behind expire after a day. Like the event registry, it is infrastructure, not tenant data.
CREATE TABLE pending_blob
(
    blob_key   TEXT PRIMARY KEY,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX pending_blob_created_idx ON pending_blob (created_at);
