-- The worker's dashboard (issue 11). Kept in step with ../postgres/0003_dashboard.sql.

-- Per parent and worker: the dashboard's own record (the parent's key it pinned, whether the
-- safety number was compared, which check-ins were seen), a box from the worker's key to
-- itself. The server can withhold it but not read or alter it.
CREATE TABLE client_pins (
    client_id TEXT NOT NULL REFERENCES clients (id),
    worker_id TEXT NOT NULL REFERENCES workers (id),
    sealed BLOB NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (client_id, worker_id)
);
