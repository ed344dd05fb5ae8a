-- 013_court_pages: each court case as one JSON document in the shape of
-- court_cases.json, made by one function, and kept for the case's public
-- page at every write.
--
-- A case is written rarely and read often.  Made from its tables, the
-- document costs PostgreSQL six subqueries per read (parties, claims,
-- events, amounts, court acts, request links); kept, a page reads one row
-- and the request links.
-- handlers/courts/case_store.c writes courts.case_pages in the same
-- transaction as the case (every write of a case goes through it: the
-- API, the clerks' forms, ecoctl's import), and ecoctl's generator does
-- the same in SQL.  A case some other writer adds (a handler older than
-- this migration, a hand-made fix) has no row: its page is then made from
-- the tables at each read until the case is written again.
--
-- The request links are not part of the document: a request's status
-- changes without its case, so the readers add them as they are now.

-- Case p_id's document, NULL when there is no such case.  Court acts as
-- p_listed says: false, whole and in the order added (the import format);
-- true, as a page lists them, with their ids and without their texts, in
-- the order issued.  An event's date is written back as precise as it
-- came (handlers/courts/partial_date.h).  PL/pgSQL so that the statement's
-- plan is kept per session.
CREATE FUNCTION courts.case_json(p_id bigint, p_listed boolean)
RETURNS text LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN (SELECT json_build_object(
        'id', c.id, 'key', c.key, 'source_lines', c.source_lines,
        'title', json_build_object('kk', c.title_kk, 'ru', c.title_ru),
        'summary', CASE WHEN c.summary_kk IS NULL AND c.summary_ru IS NULL
            THEN NULL ELSE json_build_object('kk', c.summary_kk,
            'ru', c.summary_ru) END,
        'region', c.region,
        'court_first_instance', CASE WHEN c.court_kk IS NULL AND
            c.court_ru IS NULL THEN NULL ELSE json_build_object(
            'kk', c.court_kk, 'ru', c.court_ru) END,
        'case_type', c.case_type, 'category', c.category,
        'aarhus_applied', c.aarhus_applied,
        'indefinite_circle', c.indefinite_circle,
        'state_fee_exempt', c.state_fee_exempt,
        'parties', coalesce((SELECT json_agg(json_build_object(
            'role', p.role, 'kind', p.kind, 'name', json_build_object(
            'kk', p.name_kk, 'ru', p.name_ru)) ORDER BY p.seq)
            FROM courts.parties p WHERE p.case_id = c.id), '[]'),
        'claims', coalesce((SELECT json_agg(json_build_object(
            'text', json_build_object('kk', l.text_kk, 'ru', l.text_ru),
            'outcome', l.outcome) ORDER BY l.seq)
            FROM courts.claims l WHERE l.case_id = c.id), '[]'),
        'events', coalesce((SELECT json_agg(json_build_object(
            'date', to_char(e.day_on, CASE e.precision
                WHEN 'day' THEN 'YYYY-MM-DD' WHEN 'month' THEN 'YYYY-MM'
                ELSE 'YYYY' END),
            'instance', e.instance, 'type', e.type, 'result', e.result,
            'text', json_build_object('kk', e.text_kk, 'ru', e.text_ru))
            ORDER BY e.sort_on, e.seq)
            FROM courts.events e WHERE e.case_id = c.id), '[]'),
        'amounts', coalesce((SELECT json_agg(json_build_object(
            'value', a.value, 'unit', a.unit, 'what', json_build_object(
            'kk', a.what_kk, 'ru', a.what_ru)) ORDER BY a.seq)
            FROM courts.amounts a WHERE a.case_id = c.id), '[]'),
        'status', c.status, 'notes', c.notes,
        'documents', CASE WHEN p_listed THEN
            coalesce((SELECT json_agg(json_build_object('id', d.id,
                'instance', d.instance, 'kind', d.kind,
                'date', to_char(d.issued_on, 'YYYY-MM-DD'),
                'language', d.language, 'title', d.title)
                ORDER BY d.issued_on NULLS LAST, d.id)
                FROM courts.documents d WHERE d.case_id = c.id), '[]')
        ELSE
            coalesce((SELECT json_agg(json_build_object(
                'instance', d.instance, 'kind', d.kind,
                'date', to_char(d.issued_on, 'YYYY-MM-DD'),
                'language', d.language, 'title', d.title, 'body', d.body)
                ORDER BY d.id)
                FROM courts.documents d WHERE d.case_id = c.id), '[]')
        END)::text
    FROM courts.cases c WHERE c.id = p_id);
END
$$;

-- The document of every case with p_listed true: what its page shows.
CREATE TABLE courts.case_pages (
    case_id     bigint PRIMARY KEY
                REFERENCES courts.cases (id) ON DELETE CASCADE,
    doc         text NOT NULL
);

INSERT INTO courts.case_pages (case_id, doc)
SELECT id, courts.case_json(id, true) FROM courts.cases;

GRANT SELECT, INSERT, UPDATE, DELETE ON courts.case_pages TO eco_app;
