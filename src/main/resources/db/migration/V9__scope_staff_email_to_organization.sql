-- A staff e-mail address is unique within its organisation; one person may work for several.
DROP INDEX staff_email_idx;
CREATE UNIQUE INDEX staff_email_idx ON staff (organization_id, lower(email));
