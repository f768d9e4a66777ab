-- The daily reflection and the reminders (issue 4).

-- One row per local calendar day that has something written. A day whose three answers are
-- all emptied again loses its row, so the calendar only marks evenings that were used.
CREATE TABLE reflection (
    local_date        TEXT PRIMARY KEY CHECK (local_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    went_well         TEXT NOT NULL,
    noticed_in_myself TEXT NOT NULL,
    noticed_in_child  TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
) WITHOUT ROWID;

-- One row: the reminder settings as JSON (houvast_core::reminder::ReminderSettings), and the
-- engine's bookkeeping: up to when everything due was dealt with, and a pause the parent asked
-- for. No row yet means the defaults, checked from the moment the row is first written.
CREATE TABLE reminder_config (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    settings       TEXT NOT NULL CHECK (json_valid(settings)),
    checked_until  TEXT NOT NULL,
    snoozed_until  TEXT
);

-- Every reminder occurrence shown, so none is ever shown twice (also across restarts, clock
-- and time-zone changes). Old rows are pruned: after a week they can no longer matter.
CREATE TABLE reminder_shown (
    kind       TEXT NOT NULL CHECK (kind IN ('module', 'check_in', 'home_assignment', 'reflection')),
    local_date TEXT NOT NULL,
    shown_at   TEXT NOT NULL,
    PRIMARY KEY (kind, local_date)
) WITHOUT ROWID;
