-- 009_tracker: what keeps the public tracker fast on hundreds of
-- thousands of requests.
--
-- 1. requests.requests.region: the holder's region, copied onto each
--    request, so that "region and status, newest first" is one range of an
--    index instead of a walk through every public request (the holders'
--    table is the truth; triggers keep the copy equal to it).
-- 2. requests.public_counts: the number of public requests per holder
--    and status, kept by statement triggers, so that the tracker's
--    count for its usual filters (holder, region, status) adds up a few
--    hundred rows instead of counting thousands of requests on every page.
-- 3. Indexes for the tracker's orderings under those filters.

ALTER TABLE requests.requests ADD COLUMN region text;
UPDATE requests.requests r SET region = h.region
  FROM requests.holders h WHERE h.id = r.holder_id;

-- A request's region is its holder's, whatever the insert or update said.
CREATE FUNCTION requests.request_region() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    SELECT region INTO NEW.region FROM requests.holders WHERE id = NEW.holder_id;
    RETURN NEW;
END $$;
CREATE TRIGGER requests_region BEFORE INSERT OR UPDATE OF holder_id, region
    ON requests.requests FOR EACH ROW EXECUTE FUNCTION requests.request_region();

-- A holder moved to another region takes its requests along.
CREATE FUNCTION requests.holder_region() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE requests.requests SET region = NEW.region
     WHERE holder_id = NEW.id AND region IS DISTINCT FROM NEW.region;
    RETURN NULL;
END $$;
CREATE TRIGGER holders_region AFTER UPDATE OF region ON requests.holders
    FOR EACH ROW WHEN (OLD.region IS DISTINCT FROM NEW.region)
    EXECUTE FUNCTION requests.holder_region();

CREATE TABLE requests.public_counts (
    holder_id   bigint NOT NULL REFERENCES requests.holders (id),
    status      text NOT NULL,
    -- No CHECK (n >= 0): an upsert's proposed row is checked before
    -- its conflict is found, and a decrement proposes -1.
    n           bigint NOT NULL,
    PRIMARY KEY (holder_id, status)
);
INSERT INTO requests.public_counts (holder_id, status, n)
SELECT holder_id, status, count(*)
  FROM requests.requests WHERE public GROUP BY holder_id, status;

-- The triggers add the net change per holder and status: one row per
-- group for a bulk insert; nothing (and no lock) for an update that
-- changes no status; the groups in key order, so that two transactions
-- never lock two counters in opposite orders.
CREATE FUNCTION requests.public_counts_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO requests.public_counts AS c (holder_id, status, n)
    SELECT holder_id, status, count(*) FROM new_rows WHERE public
     GROUP BY holder_id, status ORDER BY holder_id, status
    ON CONFLICT (holder_id, status) DO UPDATE SET n = c.n + EXCLUDED.n;
    RETURN NULL;
END $$;

CREATE FUNCTION requests.public_counts_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO requests.public_counts AS c (holder_id, status, n)
    SELECT holder_id, status, sum(d) FROM (
        SELECT holder_id, status, -1 AS d FROM old_rows WHERE public
        UNION ALL
        SELECT holder_id, status, 1 FROM new_rows WHERE public) x
     GROUP BY holder_id, status HAVING sum(d) <> 0 ORDER BY holder_id, status
    ON CONFLICT (holder_id, status) DO UPDATE SET n = c.n + EXCLUDED.n;
    RETURN NULL;
END $$;

CREATE FUNCTION requests.public_counts_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO requests.public_counts AS c (holder_id, status, n)
    SELECT holder_id, status, -count(*) FROM old_rows WHERE public
     GROUP BY holder_id, status ORDER BY holder_id, status
    ON CONFLICT (holder_id, status) DO UPDATE SET n = c.n + EXCLUDED.n;
    RETURN NULL;
END $$;

CREATE TRIGGER public_counts_insert AFTER INSERT ON requests.requests
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION requests.public_counts_insert();
CREATE TRIGGER public_counts_update AFTER UPDATE ON requests.requests
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION requests.public_counts_update();
CREATE TRIGGER public_counts_delete AFTER DELETE ON requests.requests
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION requests.public_counts_delete();

GRANT SELECT, INSERT, UPDATE ON requests.public_counts TO eco_app;

CREATE INDEX requests_public_region_idx
    ON requests.requests (region, received_on DESC, id DESC) WHERE public;
CREATE INDEX requests_public_status_idx
    ON requests.requests (status, received_on DESC, id DESC) WHERE public;
CREATE INDEX requests_public_region_status_idx
    ON requests.requests (region, status, received_on DESC, id DESC) WHERE public;
CREATE INDEX requests_public_holder_status_idx
    ON requests.requests (holder_id, status, received_on DESC, id DESC) WHERE public;
-- "Overdue only": open public requests past their due date.
CREATE INDEX requests_public_open_due_idx ON requests.requests (due_on)
    WHERE public AND status IN ('registered', 'in_progress', 'extended');
