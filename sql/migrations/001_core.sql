-- 001_core: accounts, sessions, login throttling and the audit trail.
--
-- Roles: eco_owner owns every object and runs migrations; eco_app is what
-- the handlers connect as and gets only the privileges it needs.  Both are
-- created by the operator (script/server does it for the dev cluster).

CREATE SCHEMA IF NOT EXISTS core;
GRANT USAGE ON SCHEMA core TO eco_app;

-- Accounts.  Individuals are identified by IIN, organisations by BIN; the
-- IIN is personal data and never leaves the account's own pages.
CREATE TABLE core.users (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email           text NOT NULL CHECK (email = lower(email) AND length(email) <= 254),
    password_hash   text NOT NULL,
    kind            text NOT NULL CHECK (kind IN ('individual', 'organisation', 'official', 'clerk', 'admin')),
    full_name       text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
    iin             char(12) CHECK (iin ~ '^[0-9]{12}$'),
    bin             char(12) CHECK (bin ~ '^[0-9]{12}$'),
    org_name        text CHECK (length(org_name) BETWEEN 1 AND 300),
    holder_id       bigint,     -- information holder of an official (issue: requests)
    position        text CHECK (position IN ('registrar', 'executor', 'head')),
    lang            text NOT NULL DEFAULT 'kk' CHECK (lang IN ('kk', 'ru', 'en')),
    created_at      timestamptz NOT NULL DEFAULT now(),
    password_changed_at timestamptz NOT NULL DEFAULT now(),
    disabled_at     timestamptz,
    CONSTRAINT individual_has_iin CHECK (kind <> 'individual' OR iin IS NOT NULL),
    CONSTRAINT organisation_has_bin CHECK (kind <> 'organisation' OR (bin IS NOT NULL AND org_name IS NOT NULL)),
    CONSTRAINT official_has_holder CHECK (kind <> 'official' OR (holder_id IS NOT NULL AND position IS NOT NULL))
);
CREATE UNIQUE INDEX users_email_key ON core.users (email);

-- Sessions: the signed token names a row here; a revoked row refuses the
-- token on every route that requires a role.
CREATE TABLE core.sessions (
    id          text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{32}$'),
    user_id     bigint NOT NULL REFERENCES core.users (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);
CREATE INDEX sessions_user_idx ON core.sessions (user_id) WHERE revoked_at IS NULL;

-- Failed logins per e-mail, whether or not an account has it, so that the
-- counter itself does not tell which addresses are registered.
CREATE TABLE core.login_failures (
    email           text PRIMARY KEY,
    failures        integer NOT NULL DEFAULT 0,
    window_start    timestamptz NOT NULL DEFAULT now(),
    locked_until    timestamptz
);

-- Who did what to which record, when, from where.  Append-only.
CREATE TABLE core.audit (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    actor_id    bigint REFERENCES core.users (id),
    action      text NOT NULL,
    object_type text,
    object_id   text,
    address     inet,
    details     jsonb
);
CREATE INDEX audit_object_idx ON core.audit (object_type, object_id);

CREATE FUNCTION core.audit_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'core.audit is append-only';
END;
$$;
CREATE TRIGGER audit_append_only
    BEFORE UPDATE OR DELETE ON core.audit
    FOR EACH ROW EXECUTE FUNCTION core.audit_refuse_change();
CREATE TRIGGER audit_no_truncate
    BEFORE TRUNCATE ON core.audit
    FOR EACH STATEMENT EXECUTE FUNCTION core.audit_refuse_change();

GRANT SELECT, INSERT, UPDATE ON core.users TO eco_app;
GRANT SELECT, INSERT, UPDATE ON core.sessions TO eco_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON core.login_failures TO eco_app;
GRANT SELECT, INSERT ON core.audit TO eco_app;
