-- 002_calendar: the working-day calendar and the deadline rules.
--
-- A day is working unless it is a Saturday or Sunday or listed here as a
-- day off; a Saturday or Sunday listed as working is a working day.  Only
-- the days that differ from the Monday-Friday pattern are stored.

CREATE TABLE core.calendar_days (
    day         date PRIMARY KEY,
    working     boolean NOT NULL,
    kind        text NOT NULL CHECK (kind IN ('holiday', 'transferred_off', 'transferred_work', 'religious')),
    name_kk     text NOT NULL CHECK (length(name_kk) BETWEEN 1 AND 200),
    name_ru     text NOT NULL CHECK (length(name_ru) BETWEEN 1 AND 200),
    name_en     text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 200),
    -- generated: the statutory holidays and their transfers (ecoctl calendar
    -- generate); government: transfers decreed for a year; admin: Kurban Ait
    -- and corrections.  The generator never overwrites the other two.
    source      text NOT NULL DEFAULT 'generated' CHECK (source IN ('generated', 'government', 'admin')),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT working_days_are_transfers CHECK (working = (kind = 'transferred_work'))
);

-- One counter that moves with every change, so that each handler can
-- notice a change with one cheap query and reload its cached calendar.
CREATE TABLE core.calendar_version (
    id          integer PRIMARY KEY CHECK (id = 1),
    version     bigint NOT NULL,
    changed_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO core.calendar_version (id, version) VALUES (1, 1);

CREATE FUNCTION core.calendar_bump_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE core.calendar_version SET version = version + 1, changed_at = now()
    WHERE id = 1;
    RETURN NULL;
END;
$$;
CREATE TRIGGER calendar_days_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON core.calendar_days
    FOR EACH STATEMENT EXECUTE FUNCTION core.calendar_bump_version();

-- Deadline rules as data.  A rule is chosen by the date of the event that
-- starts its period (valid_from <= date < valid_to), so a change in the law
-- reaches new cases only.
CREATE TABLE core.deadline_rules (
    code        text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{1,62}$'),
    period      integer NOT NULL CHECK (period BETWEEN 0 AND 3650),
    unit        text NOT NULL CHECK (unit IN ('calendar_days', 'working_days', 'months')),
    -- after: the period runs forward from the event; before: the date is
    -- that many units before the event (hearing announcements).
    direction   text NOT NULL DEFAULT 'after' CHECK (direction IN ('after', 'before')),
    counts_from text NOT NULL,
    module      text NOT NULL CHECK (module IN ('requests', 'hearings')),
    title_kk    text NOT NULL,
    title_ru    text NOT NULL,
    title_en    text NOT NULL,
    law_kk      text NOT NULL,
    law_ru      text NOT NULL,
    law_en      text NOT NULL,
    valid_from  date NOT NULL,
    valid_to    date,
    PRIMARY KEY (code, valid_from),
    CHECK (valid_to IS NULL OR valid_to > valid_from),
    -- The engine counts months forward only.
    CHECK (direction = 'after' OR unit <> 'months')
);

GRANT SELECT ON core.calendar_days, core.calendar_version, core.deadline_rules TO eco_app;
-- Administrators edit the calendar through the portal's page.
GRANT INSERT, UPDATE, DELETE ON core.calendar_days TO eco_app;
GRANT UPDATE ON core.calendar_version TO eco_app;
