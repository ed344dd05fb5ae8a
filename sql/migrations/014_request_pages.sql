-- 014_request_pages: a request's questions and timeline as the request is
-- read (handlers/requests/store.c), kept as two JSON texts beside it.
--
-- A request is read far more often than it changes: every visit to its
-- public page reads it.  Made at each read, its questions and events cost
-- PostgreSQL two aggregating subqueries over two more tables; kept, the
-- read joins one row.  Triggers keep them, so every writer (the handler,
-- ecoctl's demo and generator) is covered without knowing of them.
-- A question's or event's request never changes, so an update is read
-- from its new rows alone.

CREATE TABLE requests.request_pages (
    request_id  bigint PRIMARY KEY REFERENCES requests.requests (id),
    -- [{"n","text","answered","answer"}] in the order asked, or NULL.
    questions   text,
    -- [{"type","date","deadline_code","deadline_on","met","data"}] in the
    -- order recorded, or NULL.
    events      text
);

-- Makes the rows of the requests ids anew from their questions and
-- events, in the order of their ids (so that two transactions never wait
-- for each other's rows in opposite orders).  PL/pgSQL so that the
-- statement's plan is kept per session.
CREATE FUNCTION requests.request_pages_keep(ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO requests.request_pages AS p (request_id, questions, events)
    SELECT r.id,
        (SELECT json_agg(json_build_object('n', x.n, 'text', x.text,
            'answered', x.answered, 'answer', x.answer) ORDER BY x.n)
         FROM requests.questions x WHERE x.request_id = r.id)::text,
        (SELECT json_agg(json_build_object('type', x.type,
            'date', x.on_date, 'deadline_code', x.deadline_code,
            'deadline_on', x.deadline_on, 'met', x.met, 'data', x.data)
            ORDER BY x.id)
         FROM requests.events x WHERE x.request_id = r.id)::text
    FROM requests.requests r WHERE r.id = ANY (ids) ORDER BY r.id
    ON CONFLICT (request_id) DO UPDATE
    SET questions = EXCLUDED.questions, events = EXCLUDED.events;
END
$$;

-- Statement triggers: a bulk insert (ecoctl's generator copies a million
-- events in one statement) makes each row once, not once per event.
CREATE FUNCTION requests.request_pages_new() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM requests.request_pages_keep(
        ARRAY(SELECT DISTINCT request_id FROM new_rows));
    RETURN NULL;
END
$$;

CREATE FUNCTION requests.request_pages_old() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM requests.request_pages_keep(
        ARRAY(SELECT DISTINCT request_id FROM old_rows));
    RETURN NULL;
END
$$;

CREATE TRIGGER questions_page_insert AFTER INSERT ON requests.questions
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION requests.request_pages_new();
CREATE TRIGGER questions_page_update AFTER UPDATE ON requests.questions
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION requests.request_pages_new();
CREATE TRIGGER questions_page_delete AFTER DELETE ON requests.questions
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION requests.request_pages_old();
CREATE TRIGGER events_page_insert AFTER INSERT ON requests.events
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION requests.request_pages_new();
CREATE TRIGGER events_page_update AFTER UPDATE ON requests.events
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION requests.request_pages_new();
CREATE TRIGGER events_page_delete AFTER DELETE ON requests.events
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION requests.request_pages_old();

SELECT requests.request_pages_keep(array_agg(id)) FROM requests.requests;

GRANT SELECT, INSERT, UPDATE ON requests.request_pages TO eco_app;
