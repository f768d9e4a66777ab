-- The reminder before a contact the worker proposed (issue 10): when it was shown, so it comes
-- once.
ALTER TABLE reply ADD COLUMN reminded_at TEXT;
