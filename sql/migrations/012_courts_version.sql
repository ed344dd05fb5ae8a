-- 012_courts_version: a version of the court registry that moves at the
-- commit of every change, so that a worker's copies of the public pages
-- (lib/page_cache.h) are served only while they are still true.
--
-- Every write of a case goes through its row (handlers/courts/case_store.c
-- writes the case row with its children, ecoctl's import and generator
-- insert it, and the events' trigger updates acted_on), so a trigger on
-- courts.cases sees every change.

CREATE SEQUENCE courts.version;

CREATE FUNCTION courts.version_touch() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM nextval('courts.version');
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER cases_version_touch
    AFTER INSERT OR UPDATE OR DELETE ON courts.cases
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION courts.version_touch();

GRANT USAGE, SELECT ON SEQUENCE courts.version TO eco_app;
