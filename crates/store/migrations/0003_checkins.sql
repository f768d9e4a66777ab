-- The check-ins with the prevention worker (issue 10).

-- The pairing with a worker: at most one. The device's secret key lives here, inside the
-- encrypted database, and never leaves the device. `pinned_keys` is the key set as it was at
-- pairing (houvast_protocol::PinnedKeys); keys the server presents later are compared with it.
CREATE TABLE pairing (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    server_url       TEXT NOT NULL,
    client_id        TEXT NOT NULL,
    device_token     TEXT NOT NULL,
    device_secret    BLOB NOT NULL CHECK (length(device_secret) = 32),
    pinned_keys      TEXT NOT NULL CHECK (json_valid(pinned_keys)),
    worker_name      TEXT NOT NULL,
    organisation     TEXT NOT NULL,
    paired_at        TEXT NOT NULL,
    -- The contact points as the server last told them (JSON list), and when.
    contact_points   TEXT CHECK (contact_points IS NULL OR json_valid(contact_points)),
    synced_at        TEXT,
    -- Something the parent must know: the server presented other keys, or a reply failed
    -- verification (JSON houvast_session::SyncProblem). Nothing is sent while keys differ.
    problem          TEXT CHECK (problem IS NULL OR json_valid(problem))
);

-- One check-in per contact point: the draft while the parent writes it, then, once sent, the
-- check-in exactly as it was sealed (the parent's own copy).
CREATE TABLE checkin (
    contact_point  INTEGER PRIMARY KEY CHECK (contact_point BETWEEN 1 AND 3),
    draft          TEXT NOT NULL CHECK (json_valid(draft)),
    updated_at     TEXT NOT NULL,
    checkin_id     TEXT UNIQUE,
    sent           TEXT CHECK (sent IS NULL OR json_valid(sent)),
    sent_at        TEXT
);

-- Sealed check-ins on their way to the server. The id is made on the device, so a retry after
-- a lost answer is recognised by the server and stored once. A delivered row stays as the
-- receipt; `refused` is a permanent answer from the server (code and message), not retried.
CREATE TABLE outbox (
    checkin_id           TEXT PRIMARY KEY,
    contact_point        INTEGER NOT NULL CHECK (contact_point BETWEEN 1 AND 3),
    sealed_for_worker    BLOB NOT NULL,
    sealed_for_recovery  BLOB NOT NULL,
    queued_at            TEXT NOT NULL,
    attempts             INTEGER NOT NULL DEFAULT 0,
    next_attempt_at      TEXT NOT NULL,
    last_error           TEXT,
    delivered_at         TEXT,
    refused              TEXT
);
CREATE INDEX outbox_waiting ON outbox (next_attempt_at) WHERE delivered_at IS NULL AND refused IS NULL;

-- The worker's replies, each opened and verified on the device before it is stored.
-- `reply_id` is the id inside the sealed letter (a replayed one is refused); `server_id` the
-- server's, so a reply is opened once.
CREATE TABLE reply (
    reply_id       TEXT PRIMARY KEY,
    server_id      TEXT NOT NULL UNIQUE,
    contact_point  INTEGER NOT NULL CHECK (contact_point BETWEEN 1 AND 3),
    checkin_id     TEXT NOT NULL,
    sent_at        TEXT NOT NULL,
    reply          TEXT NOT NULL CHECK (json_valid(reply)),
    received_at    TEXT NOT NULL,
    seen_at        TEXT
);

-- Replies the server delivered that failed verification: never shown, never opened again.
CREATE TABLE reply_refused (
    server_id  TEXT PRIMARY KEY,
    reason     TEXT NOT NULL,
    at         TEXT NOT NULL
);
