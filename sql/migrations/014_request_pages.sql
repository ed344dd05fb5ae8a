-- 014_request_pages: a request's questions and timeline as the request is
-- read (handlers/requests/store.c), kept as two JSON texts beside it.
--
-- A request is read far more often than it changes: every visit to its
-- public page reads it.  Made at each read, its questions and events cost
-- PostgreSQL two aggregating subqueries over two more tables; kept, the
-- read joins one row.  Triggers keep them, so every writer (the handler,
-- ecoctl's demo and generator) is covered without knowing of them.

CREATE TABLE requests.request_pages (
    request_id  bigint PRIMARY KEY REFERENCES requests.requests (id),
    -- [{"n","text","answered","answer"}] in the order asked, or NULL.
    questions   text,
    -- [{"type","date","deadline_code","deadline_on","met","data"}] in the
    -- order recorded, or NULL.
    events      text
);

-- Makes request p_id's row anew from its questions and events (PL/pgSQL
-- so that the statement's plan is kept per session).
CREATE FUNCTION requests.request_page_keep(p_id bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO requests.request_pages (request_id, questions, events)
    SELECT p_id,
        (SELECT json_agg(json_build_object('n', x.n, 'text', x.text,
            'answered', x.answered, 'answer', x.answer) ORDER BY x.n)
         FROM requests.questions x WHERE x.request_id = p_id)::text,
        (SELECT json_agg(json_build_object('type', x.type,
            'date', x.on_date, 'deadline_code', x.deadline_code,
            'deadline_on', x.deadline_on, 'met', x.met, 'data', x.data)
            ORDER BY x.id)
         FROM requests.events x WHERE x.request_id = p_id)::text
    WHERE EXISTS (SELECT 1 FROM requests.requests r WHERE r.id = p_id)
    ON CONFLICT (request_id) DO UPDATE
    SET questions = EXCLUDED.questions, events = EXCLUDED.events;
END
$$;

CREATE FUNCTION requests.request_page_touch() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM requests.request_page_keep(OLD.request_id);
    END IF;
    IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR
        NEW.request_id IS DISTINCT FROM OLD.request_id) THEN
        PERFORM requests.request_page_keep(NEW.request_id);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER questions_page AFTER INSERT OR UPDATE OR DELETE
    ON requests.questions FOR EACH ROW
    EXECUTE FUNCTION requests.request_page_touch();
CREATE TRIGGER events_page AFTER INSERT OR UPDATE OR DELETE
    ON requests.events FOR EACH ROW
    EXECUTE FUNCTION requests.request_page_touch();

SELECT requests.request_page_keep(id) FROM requests.requests;

GRANT SELECT, INSERT, UPDATE ON requests.request_pages TO eco_app;
