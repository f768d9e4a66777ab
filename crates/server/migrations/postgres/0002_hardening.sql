-- Hardening (issue 9). Kept in step with ../sqlite/0002_hardening.sql.

-- The token key now lives outside the database; only a check value stays here.
DELETE FROM server_keys WHERE name = 'token_hmac';

-- A disabled worker cannot sign in and has no sessions.
ALTER TABLE workers ADD COLUMN disabled_at BIGINT;

-- Whose caseload an entry is about (the acting worker, or the worker of the client involved),
-- and a short non-content detail (why a sign-in failed, where a caseload came from).
ALTER TABLE audit_log ADD COLUMN worker_id TEXT;
ALTER TABLE audit_log ADD COLUMN detail TEXT;
CREATE INDEX audit_log_worker ON audit_log (worker_id);
CREATE INDEX audit_log_at ON audit_log (at);

-- The access log is append-only: nothing changes or removes an entry (TRUNCATE included).
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
