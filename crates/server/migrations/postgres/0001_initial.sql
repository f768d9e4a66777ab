-- Houvast server schema, version 1 (PostgreSQL). Kept in step with ../sqlite/0001_initial.sql:
-- same tables, same columns; only the type names differ.
-- Times are Unix milliseconds. No table has a column for a parent's name, e-mail or answers.

CREATE TABLE server_keys (
    name TEXT PRIMARY KEY,
    value BYTEA NOT NULL
);

CREATE TABLE organisations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    recovery_public_key BYTEA,
    created_at BIGINT NOT NULL
);

CREATE TABLE workers (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    activation_token_hash BYTEA UNIQUE,
    activation_expires_at BIGINT,
    login_hash TEXT,
    kdf_salt BYTEA,
    kdf_opslimit BIGINT,
    kdf_memlimit BIGINT,
    public_key BYTEA,
    wrapped_secret_key BYTEA,
    activated_at BIGINT,
    created_at BIGINT NOT NULL
);

CREATE TABLE sessions (
    token_hash BYTEA PRIMARY KEY,
    worker_id TEXT NOT NULL REFERENCES workers (id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_worker ON sessions (worker_id);

CREATE TABLE pairing_codes (
    code_hash BYTEA PRIMARY KEY,
    worker_id TEXT NOT NULL REFERENCES workers (id),
    sealed_label BYTEA,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX pairing_codes_worker ON pairing_codes (worker_id);

CREATE TABLE clients (
    id TEXT PRIMARY KEY,
    worker_id TEXT NOT NULL REFERENCES workers (id),
    pseudonym TEXT NOT NULL UNIQUE,
    sealed_label BYTEA,
    public_key BYTEA,
    device_token_hash BYTEA UNIQUE,
    paired_at BIGINT NOT NULL,
    unpaired_at BIGINT
);
CREATE INDEX clients_worker ON clients (worker_id);

CREATE TABLE checkins (
    client_id TEXT NOT NULL REFERENCES clients (id),
    id TEXT NOT NULL,
    contact_point BIGINT NOT NULL CHECK (contact_point BETWEEN 1 AND 3),
    sealed_for_worker BYTEA NOT NULL,
    sealed_for_recovery BYTEA NOT NULL,
    received_at BIGINT NOT NULL,
    PRIMARY KEY (client_id, id),
    UNIQUE (client_id, contact_point)
);

CREATE TABLE replies (
    id TEXT PRIMARY KEY,
    client_id TEXT NOT NULL REFERENCES clients (id),
    worker_id TEXT NOT NULL REFERENCES workers (id),
    contact_point BIGINT NOT NULL CHECK (contact_point BETWEEN 1 AND 3),
    sealed_for_client BYTEA NOT NULL,
    sealed_for_worker BYTEA NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX replies_client ON replies (client_id);

CREATE TABLE contacts_done (
    client_id TEXT NOT NULL REFERENCES clients (id),
    contact_point BIGINT NOT NULL CHECK (contact_point BETWEEN 1 AND 3),
    worker_id TEXT NOT NULL REFERENCES workers (id),
    done_at BIGINT NOT NULL,
    PRIMARY KEY (client_id, contact_point)
);

-- Access log (NEN 7513): who did what to which client's data, and when. Never the data itself.
CREATE TABLE audit_log (
    id BIGSERIAL PRIMARY KEY,
    at BIGINT NOT NULL,
    organisation_id TEXT,
    actor_kind TEXT NOT NULL,
    actor_id TEXT,
    action TEXT NOT NULL,
    client_id TEXT
);
CREATE INDEX audit_log_client ON audit_log (client_id);
