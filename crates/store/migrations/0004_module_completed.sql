-- A module once done stays done (issue 13): the moment it was first done is recorded, so a
-- child growing into an age band that shows an unread page cannot lock later modules again.
-- Modules done before this migration are recorded by the app the next time it works out the
-- programme (houvast-session), because "done" depends on the content and the children's ages.
ALTER TABLE module_progress ADD COLUMN completed_at TEXT;
