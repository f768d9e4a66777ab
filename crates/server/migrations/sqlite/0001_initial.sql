-- Houvast server schema, version 1 (SQLite). Kept in step with ../postgres/0001_initial.sql:
-- same tables, same columns; only the type names differ.
-- Times are Unix milliseconds. No table has a column for a parent's name, e-mail or answers.

CREATE TABLE server_keys (
    name TEXT PRIMARY KEY,
    value BLOB NOT NULL
);

CREATE TABLE organisations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    recovery_public_key BLOB,
    created_at INTEGER NOT NULL
);

CREATE TABLE workers (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    activation_token_hash BLOB UNIQUE,
    activation_expires_at INTEGER,
    login_hash TEXT,
    kdf_salt BLOB,
    kdf_opslimit INTEGER,
    kdf_memlimit INTEGER,
    public_key BLOB,
    wrapped_secret_key BLOB,
    activated_at INTEGER,
    created_at INTEGER NOT NULL
);

CREATE TABLE sessions (
    token_hash BLOB PRIMARY KEY,
    worker_id TEXT NOT NULL REFERENCES workers (id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_worker ON sessions (worker_id);

CREATE TABLE pairing_codes (
    code_hash BLOB PRIMARY KEY,
    worker_id TEXT NOT NULL REFERENCES workers (id),
    sealed_label BLOB,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
);
CREATE INDEX pairing_codes_worker ON pairing_codes (worker_id);

CREATE TABLE clients (
    id TEXT PRIMARY KEY,
    worker_id TEXT NOT NULL REFERENCES workers (id),
    pseudonym TEXT NOT NULL UNIQUE,
    sealed_label BLOB,
    public_key BLOB,
    device_token_hash BLOB UNIQUE,
    paired_at INTEGER NOT NULL,
    unpaired_at INTEGER
);
CREATE INDEX clients_worker ON clients (worker_id);

CREATE TABLE checkins (
    client_id TEXT NOT NULL REFERENCES clients (id),
    id TEXT NOT NULL,
    contact_point INTEGER NOT NULL CHECK (contact_point BETWEEN 1 AND 3),
    sealed_for_worker BLOB NOT NULL,
    sealed_for_recovery BLOB NOT NULL,
    received_at INTEGER NOT NULL,
    PRIMARY KEY (client_id, id),
    UNIQUE (client_id, contact_point)
);

CREATE TABLE replies (
    id TEXT PRIMARY KEY,
    client_id TEXT NOT NULL REFERENCES clients (id),
    worker_id TEXT NOT NULL REFERENCES workers (id),
    contact_point INTEGER NOT NULL CHECK (contact_point BETWEEN 1 AND 3),
    sealed_for_client BLOB NOT NULL,
    sealed_for_worker BLOB NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX replies_client ON replies (client_id);

CREATE TABLE contacts_done (
    client_id TEXT NOT NULL REFERENCES clients (id),
    contact_point INTEGER NOT NULL CHECK (contact_point BETWEEN 1 AND 3),
    worker_id TEXT NOT NULL REFERENCES workers (id),
    done_at INTEGER NOT NULL,
    PRIMARY KEY (client_id, contact_point)
);

-- Access log (NEN 7513): who did what to which client's data, and when. Never the data itself.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    organisation_id TEXT,
    actor_kind TEXT NOT NULL,
    actor_id TEXT,
    action TEXT NOT NULL,
    client_id TEXT
);
CREATE INDEX audit_log_client ON audit_log (client_id);
