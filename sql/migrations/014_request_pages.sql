-- 014_request_pages: what a request is read with (handlers/requests/
-- store.c) besides its own row, kept beside it: its questions and timeline
-- as two JSON texts, and whether it has complaints and files.
--
-- A request is read far more often than it changes: every visit to its
-- public page reads it.  Made at each read, these cost PostgreSQL four
-- subqueries over four more tables; kept, the read joins one row.
-- Triggers keep them, so every writer (the handler, ecoctl's demo and
-- generator) is covered without knowing of them.  (Whether a court case
-- links the request stays a subquery of the read: the court registry
-- writes its links under its own locks.)

CREATE TABLE requests.request_pages (
    request_id  bigint PRIMARY KEY REFERENCES requests.requests (id),
    -- [{"n","text","answered","answer"}] in the order asked, or NULL.
    questions   text,
    -- [{"type","date","deadline_code","deadline_on","met","data"}] in the
    -- order recorded, or NULL.
    events      text,
    has_complaints  boolean NOT NULL,
    has_attachments boolean NOT NULL
);

-- The rows of the requests ids as their questions, events, complaints and
-- files make them now, in the order of their ids.  A request with none
-- has no row kept: NULL, NULL, false, false.
CREATE FUNCTION requests.request_pages_made(ids bigint[])
RETURNS TABLE (request_id bigint, questions text, events text,
    has_complaints boolean, has_attachments boolean)
LANGUAGE sql STABLE AS $$
    SELECT r.id,
        (SELECT json_agg(json_build_object('n', x.n, 'text', x.text,
            'answered', x.answered, 'answer', x.answer) ORDER BY x.n)
         FROM requests.questions x WHERE x.request_id = r.id)::text,
        (SELECT json_agg(json_build_object('type', x.type,
            'date', x.on_date, 'deadline_code', x.deadline_code,
            'deadline_on', x.deadline_on, 'met', x.met, 'data', x.data)
            ORDER BY x.id)
         FROM requests.events x WHERE x.request_id = r.id)::text,
        EXISTS (SELECT 1 FROM requests.complaints x WHERE x.request_id = r.id),
        EXISTS (SELECT 1 FROM requests.attachments x
                WHERE x.request_id = r.id)
    FROM requests.requests r WHERE r.id = ANY (ids) ORDER BY r.id
$$;

-- Makes the kept rows of the requests ids anew.  The requests are locked
-- first, in the order of their ids: two transactions changing one
-- request's questions and files at once then make its row one after the
-- other, the second seeing what the first committed (the handler's steps
-- lock the request anyway).  PL/pgSQL so that the plans are kept per
-- session.
CREATE FUNCTION requests.request_pages_keep(ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM requests.requests WHERE id = ANY (ids) ORDER BY id
        FOR NO KEY UPDATE;
    INSERT INTO requests.request_pages AS p (request_id, questions, events,
        has_complaints, has_attachments)
    SELECT * FROM requests.request_pages_made(ids)
    ON CONFLICT (request_id) DO UPDATE
    SET questions = EXCLUDED.questions, events = EXCLUDED.events,
        has_complaints = EXCLUDED.has_complaints,
        has_attachments = EXCLUDED.has_attachments
    WHERE (p.questions, p.events, p.has_complaints, p.has_attachments)
        IS DISTINCT FROM (EXCLUDED.questions, EXCLUDED.events,
        EXCLUDED.has_complaints, EXCLUDED.has_attachments);
END
$$;

-- Questions and events: statement triggers, so that a bulk insert
-- (ecoctl's generator copies a million events in one statement) makes
-- each row once, not once per event.  Inserted or deleted rows come as
-- the transition table changed_rows; updated ones as old_rows and new_rows.
CREATE FUNCTION requests.request_pages_rows() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM requests.request_pages_keep(
        ARRAY(SELECT DISTINCT request_id FROM changed_rows));
    RETURN NULL;
END
$$;

CREATE FUNCTION requests.request_pages_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM requests.request_pages_keep(ARRAY(
        SELECT request_id FROM new_rows UNION SELECT request_id FROM old_rows));
    RETURN NULL;
END
$$;

-- Complaints and files: row triggers, one row a statement; a statement
-- trigger's transition table would copy every file's bytes.
CREATE FUNCTION requests.request_pages_row() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM requests.request_pages_keep(CASE TG_OP
        WHEN 'INSERT' THEN ARRAY[NEW.request_id]
        WHEN 'DELETE' THEN ARRAY[OLD.request_id]
        ELSE ARRAY[OLD.request_id, NEW.request_id] END);
    RETURN NULL;
END
$$;

CREATE TRIGGER questions_page_insert AFTER INSERT ON requests.questions
    REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION requests.request_pages_rows();
CREATE TRIGGER questions_page_update AFTER UPDATE ON requests.questions
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION requests.request_pages_changed();
CREATE TRIGGER questions_page_delete AFTER DELETE ON requests.questions
    REFERENCING OLD TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION requests.request_pages_rows();
CREATE TRIGGER events_page_insert AFTER INSERT ON requests.events
    REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION requests.request_pages_rows();
CREATE TRIGGER events_page_update AFTER UPDATE ON requests.events
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION requests.request_pages_changed();
CREATE TRIGGER events_page_delete AFTER DELETE ON requests.events
    REFERENCING OLD TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION requests.request_pages_rows();
CREATE TRIGGER complaints_page AFTER INSERT OR UPDATE OR DELETE
    ON requests.complaints FOR EACH ROW
    EXECUTE FUNCTION requests.request_pages_row();
CREATE TRIGGER attachments_page AFTER INSERT OR UPDATE OR DELETE
    ON requests.attachments FOR EACH ROW
    EXECUTE FUNCTION requests.request_pages_row();

SELECT requests.request_pages_keep(array_agg(id)) FROM requests.requests;

GRANT SELECT, INSERT, UPDATE ON requests.request_pages TO eco_app;
