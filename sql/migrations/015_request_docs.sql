-- 015_request_docs: the whole request kept as one JSON document beside
-- it, in place of migration 014's questions, timeline and flags.
--
-- Migration 014 made a request page one statement, but that statement
-- still returned 48 columns from three tables, and PostgreSQL's work per
-- column (describing it, converting its value to text) was most of the
-- page's cost in the database.  A document made at each write is read as
-- one value: the load (handlers/requests/store.c) reads the kept row and
-- whether a court case links the request (the court registry writes its
-- links under its own locks, so that stays a subquery of the read).
--
-- The document holds what struct request_row holds, names as there:
--   id, holder_id, reg_no, requester_id, requester_user_id (0: paper or
--   oral), requester_kind, public_name, filed_by (0: none), channel,
--   subject, body, language, answer_form, public, fee_exemption,
--   redirected_from (0: none), answer_text, justification, fee_pages
--   (-1: none), fee_tariff (text, exact), draft (the JSON itself),
--   holder {"code","kk","ru","en","region"} (region "" when national),
--   state: the columns of STORE_STATE_COLUMNS (store.h) in that order, as
--     text or null (dates as "YYYY-MM-DD" whatever the writer's DateStyle,
--     booleans "true"/"false", ids in decimal),
--   questions [{"n","text","answered","answer"}] in the order asked, or
--     null,
--   events in the order recorded, or null: each one's details (data)
--     with its "type" and "date", and "deadline" {"code","due","met"} if
--     it had one to meet,
--   has_complaints, has_attachments,
--   redirected_from_link and redirected_to_link: the request this one was
--     redirected from and the one opened by its redirect, each
--     {"id","reg_no","holder_id"}, or null.
-- The requester's account is there for the requester's own access; no
-- reader serves the document as it is (handlers/requests/view.c chooses
-- what each visitor sees).
--
-- Triggers keep it: migration 014's on questions, events, complaints and
-- files, and new ones on the request's own row and on its holder's names.
-- A request inserted without questions or events (no writer of this
-- portal does that: a filing records its first event) has no row until
-- its first event; the load then makes its document from the tables.

DROP FUNCTION requests.request_pages_made(bigint[]);

TRUNCATE requests.request_pages;
ALTER TABLE requests.request_pages
    DROP COLUMN questions, DROP COLUMN events,
    DROP COLUMN has_complaints, DROP COLUMN has_attachments,
    ADD COLUMN doc text NOT NULL;
-- Kept whole in its row while it fits the page (8160 bytes): a read then
-- neither decompresses it nor fetches it from the TOAST table.
ALTER TABLE requests.request_pages ALTER COLUMN doc SET STORAGE MAIN;
ALTER TABLE requests.request_pages SET (toast_tuple_target = 8160);

-- The request a redirect opened is found by its redirected_from, the
-- first if ever there were more, by this index: with redirected_from's
-- own index, a request with none could be looked for by walking the
-- primary key (a bulk insert's statistics are not there yet).
DROP INDEX requests.requests_redirected_from_idx;
CREATE INDEX requests_redirected_from_idx
    ON requests.requests (redirected_from, id);

-- The documents of the requests ids as their tables make them now, in
-- the order of their ids.
CREATE FUNCTION requests.request_pages_made(ids bigint[])
RETURNS TABLE (request_id bigint, doc text)
LANGUAGE sql STABLE AS $$
    SELECT r.id, json_build_object(
        'id', r.id, 'holder_id', r.holder_id, 'reg_no', r.reg_no,
        'requester_id', r.requester_id,
        'requester_user_id', coalesce(q.user_id, 0),
        'requester_kind', r.requester_kind, 'public_name', r.public_name,
        'filed_by', coalesce(r.filed_by, 0), 'channel', r.channel,
        'subject', r.subject, 'body', r.body, 'language', r.language,
        'answer_form', r.answer_form, 'public', r.public,
        'fee_exemption', r.fee_exemption,
        'redirected_from', coalesce(r.redirected_from, 0),
        'answer_text', r.answer_text, 'justification', r.justification,
        'fee_pages', coalesce(r.fee_pages, -1),
        'fee_tariff', r.fee_tariff::text, 'draft', r.draft,
        'holder', json_build_object('code', h.code, 'kk', h.name_kk,
            'ru', h.name_ru, 'en', h.name_en,
            'region', coalesce(h.region, '')),
        -- STORE_STATE_COLUMNS, in its order.
        'state', json_build_array(r.status, r.received_on, r.registered_on,
            r.complexity, r.due_on, r.refusal_due_on, r.redirect_due_on,
            r.extended_inspection::text, r.extended_holders::text,
            r.notify_due_on, r.executor_id::text, r.redirected_to::text,
            r.redirected_on, r.ground, r.answered_on, r.refused_on,
            r.closed_on),
        'questions', (SELECT json_agg(json_build_object('n', x.n,
            'text', x.text, 'answered', x.answered, 'answer', x.answer)
            ORDER BY x.n)
         FROM requests.questions x WHERE x.request_id = r.id),
        -- Each event as pages and the API show it: its details with
        -- its type and date, and the deadline it had to meet.
        'events', (SELECT json_agg((CASE jsonb_typeof(x.data)
            WHEN 'object' THEN x.data ELSE '{}' END || jsonb_build_object(
            'type', x.type, 'date', x.on_date) || CASE
            WHEN x.deadline_code IS NULL THEN '{}'::jsonb
            ELSE jsonb_build_object('deadline', jsonb_build_object(
                'code', x.deadline_code, 'due', x.deadline_on,
                'met', x.met)) END)
            ORDER BY x.id)
         FROM requests.events x WHERE x.request_id = r.id),
        'has_complaints', EXISTS (SELECT 1 FROM requests.complaints x
            WHERE x.request_id = r.id),
        'has_attachments', EXISTS (SELECT 1 FROM requests.attachments x
            WHERE x.request_id = r.id),
        'redirected_from_link', (SELECT json_build_object('id', x.id,
            'reg_no', x.reg_no, 'holder_id', x.holder_id)
         FROM requests.requests x WHERE x.id = r.redirected_from),
        'redirected_to_link', (SELECT json_build_object('id', x.id,
            'reg_no', x.reg_no, 'holder_id', x.holder_id)
         FROM requests.requests x WHERE x.redirected_from = r.id
         ORDER BY x.id LIMIT 1))::text
    FROM requests.requests r
    JOIN requests.holders h ON h.id = r.holder_id
    JOIN requests.requesters q ON q.id = r.requester_id
    WHERE r.id = ANY (ids) ORDER BY r.id
$$;

-- As in migration 014, with the document: the requests are locked first,
-- and nothing is written when nothing changed.  The requests they were
-- redirected from are made again too: a redirect's new request, opened
-- with its first event, is in their documents.
CREATE OR REPLACE FUNCTION requests.request_pages_keep(ids bigint[])
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    ids := ids || ARRAY(SELECT redirected_from FROM requests.requests
        WHERE id = ANY (ids) AND redirected_from IS NOT NULL);
    PERFORM 1 FROM requests.requests WHERE id = ANY (ids) ORDER BY id
        FOR NO KEY UPDATE;
    INSERT INTO requests.request_pages AS p (request_id, doc)
    SELECT * FROM requests.request_pages_made(ids)
    ON CONFLICT (request_id) DO UPDATE SET doc = EXCLUDED.doc
    WHERE p.doc IS DISTINCT FROM EXCLUDED.doc;
END
$$;

-- The request's own row: its state at every step, its answer, its draft.
-- A statement trigger, so that a bulk update (a holder moved to another
-- region moves its requests) makes each document once.  Not on insert:
-- the filing's first event makes it (see above).
CREATE FUNCTION requests.request_pages_requests() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM requests.request_pages_keep(ARRAY(SELECT id FROM new_rows));
    RETURN NULL;
END
$$;
CREATE TRIGGER requests_page_update AFTER UPDATE ON requests.requests
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION requests.request_pages_requests();

-- A holder's code and names are in its requests' documents.  (Its region
-- is too, but a new region is copied onto its requests (migration 009),
-- whose trigger above then makes their documents.)
CREATE FUNCTION requests.request_pages_holders() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM requests.request_pages_keep(ARRAY(
        SELECT r.id FROM requests.requests r
        JOIN new_rows n ON n.id = r.holder_id
        JOIN old_rows o ON o.id = n.id
        WHERE (o.code, o.name_kk, o.name_ru, o.name_en)
            IS DISTINCT FROM (n.code, n.name_kk, n.name_ru, n.name_en)));
    RETURN NULL;
END
$$;
CREATE TRIGGER holders_page_update AFTER UPDATE ON requests.holders
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION requests.request_pages_holders();

SELECT requests.request_pages_keep(array_agg(id)) FROM requests.requests;
