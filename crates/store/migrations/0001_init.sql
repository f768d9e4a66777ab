-- The first schema. Timestamps are UTC in RFC 3339 with nanoseconds and a 'Z' (fixed width,
-- so text order is time order). Ids are the stable ids from content/.

-- One row: the parent's profile as JSON (houvast_core::Profile).
CREATE TABLE profile (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    data    TEXT NOT NULL CHECK (json_valid(data))
);

CREATE TABLE module_progress (
    module_id               TEXT PRIMARY KEY,
    started_at              TEXT,
    do_task_done_at         TEXT,
    home_assignment_done_at TEXT
) WITHOUT ROWID;

-- Page indices count all pages of the module's content file, before age-band filtering.
CREATE TABLE page_read (
    module_id     TEXT NOT NULL REFERENCES module_progress (module_id) ON DELETE CASCADE,
    page          INTEGER NOT NULL CHECK (page >= 0),
    first_read_at TEXT NOT NULL,
    PRIMARY KEY (module_id, page)
) WITHOUT ROWID;

-- One row per question; saved again on every debounced batch of keystrokes.
CREATE TABLE answer (
    module_id   TEXT NOT NULL,
    task        TEXT NOT NULL CHECK (task IN ('do_task', 'home_assignment')),
    question_id TEXT NOT NULL,
    value       TEXT NOT NULL CHECK (json_valid(value)),
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (module_id, task, question_id)
) WITHOUT ROWID;
