-- 011_courts: the registry of environmental court cases — a case, its
-- parties, claims (each with its own outcome), events through the
-- instances (dates of day, month or year precision, or unknown), amounts,
-- the texts of court acts, and links to the information requests it grew
-- from.  The shape follows /work/shared/data/court_cases.json (the import
-- format, ecoctl courts import).
--
-- Search: each case keeps one text per language made of everything a
-- visitor searches (titles, summary, court, parties, claims, events),
-- written by the application in the same transaction as the case.  The
-- index holds every word twice, as it is ('simple') and stemmed
-- ('russian'), and a query word is searched as a prefix of either
-- (handlers/courts/search.c): Kazakh has no stemmer in PostgreSQL, but its
-- words only grow by suffixes (зауыт finds зауытының); a Russian word
-- finds its inflected forms through its stem (полигона finds полигон).
-- courts.words holds every word once, with a trigram index, to correct a
-- misspelt query word.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE SCHEMA IF NOT EXISTS courts;
GRANT USAGE ON SCHEMA courts TO eco_app;

CREATE TABLE courts.cases (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key                 text NOT NULL UNIQUE
                        CHECK (key ~ '^[a-z0-9][a-z0-9-]{1,99}$'),
    title_kk            text NOT NULL CHECK (length(title_kk) BETWEEN 1 AND 500),
    title_ru            text NOT NULL CHECK (length(title_ru) BETWEEN 1 AND 500),
    summary_kk          text CHECK (length(summary_kk) <= 20000),
    summary_ru          text CHECK (length(summary_ru) <= 20000),
    region              text CHECK (region ~ '^[a-z_]{2,40}$'),
    court_kk            text CHECK (length(court_kk) <= 500),
    court_ru            text CHECK (length(court_ru) <= 500),
    case_type           text NOT NULL CHECK (case_type IN
                        ('civil', 'administrative', 'administrative_offence')),
    category            text NOT NULL CHECK (category IN
                        ('access_to_information', 'eia_expertise', 'permits',
                         'damages', 'protected_areas', 'waste', 'land_use',
                         'other')),
    -- NULL: the source does not say.
    aarhus_applied      boolean,
    indefinite_circle   boolean,
    state_fee_exempt    boolean,
    status              text NOT NULL CHECK (status IN
                        ('pending', 'enforcement', 'closed', 'unknown')),
    notes               text CHECK (length(notes) <= 20000),
    source_lines        text CHECK (length(source_lines) <= 200),
    -- Benchmark rows (ecoctl courts generate): never demo data, never in
    -- the registry's statistics.
    generated           boolean NOT NULL DEFAULT false,
    search_kk           text NOT NULL DEFAULT '',
    search_ru           text NOT NULL DEFAULT '',
    tsv                 tsvector GENERATED ALWAYS AS (
                            setweight(to_tsvector('simple',
                                title_kk || ' ' || title_ru), 'A') ||
                            setweight(to_tsvector('russian',
                                title_kk || ' ' || title_ru), 'A') ||
                            to_tsvector('simple',
                                search_kk || ' ' || search_ru) ||
                            to_tsvector('russian',
                                search_kk || ' ' || search_ru)) STORED,
    -- The day of the latest event (courts.events.sort_on), kept by the
    -- triggers below: the search's order by date.
    acted_on            date,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cases_tsv_idx ON courts.cases USING gin (tsv);
CREATE INDEX cases_acted_idx ON courts.cases (acted_on DESC NULLS LAST, id DESC);
CREATE INDEX cases_category_idx ON courts.cases (category, id);
CREATE INDEX cases_region_idx ON courts.cases (region, id);

CREATE TABLE courts.parties (
    case_id     bigint NOT NULL REFERENCES courts.cases (id) ON DELETE CASCADE,
    seq         integer NOT NULL CHECK (seq >= 0),
    role        text NOT NULL CHECK (role IN ('claimant', 'defendant', 'third_party')),
    kind        text NOT NULL CHECK (kind IN
                ('ngo', 'state_body', 'company', 'citizen',
                 'individual_entrepreneur')),
    name_kk     text NOT NULL CHECK (length(name_kk) BETWEEN 1 AND 500),
    name_ru     text NOT NULL CHECK (length(name_ru) BETWEEN 1 AND 500),
    PRIMARY KEY (case_id, seq)
);
CREATE INDEX parties_kind_idx ON courts.parties (kind, case_id);

CREATE TABLE courts.claims (
    case_id     bigint NOT NULL REFERENCES courts.cases (id) ON DELETE CASCADE,
    seq         integer NOT NULL CHECK (seq >= 0),
    text_kk     text NOT NULL CHECK (length(text_kk) BETWEEN 1 AND 5000),
    text_ru     text NOT NULL CHECK (length(text_ru) BETWEEN 1 AND 5000),
    -- NULL: not known.
    outcome     text CHECK (outcome IN
                ('granted', 'partially_granted', 'refused', 'terminated',
                 'left_without_consideration', 'pending')),
    PRIMARY KEY (case_id, seq)
);
CREATE INDEX claims_outcome_idx ON courts.claims (outcome, case_id);

-- An event's date is kept as precise as the source: day_on is the first
-- day of the period (the day, the month or the year) and precision says
-- which; both NULL when unknown.  sort_on is the day the timeline orders
-- by, computed by the application over the case's events in their order
-- (courts_sort_days(), handlers/courts/partial_date.c): an unknown or
-- coarse date stays where the source put it instead of jumping to the
-- start of its year.
CREATE TABLE courts.events (
    case_id     bigint NOT NULL REFERENCES courts.cases (id) ON DELETE CASCADE,
    seq         integer NOT NULL CHECK (seq >= 0),
    day_on      date,
    precision   text CHECK (precision IN ('day', 'month', 'year')),
    sort_on     date,
    instance    text NOT NULL CHECK (instance IN
                ('pre_trial', 'first', 'appeal', 'cassation', 'enforcement')),
    type        text NOT NULL CHECK (type IN
                ('request', 'answer', 'complaint', 'claim_filed',
                 'interim_measures', 'hearing', 'decision', 'ruling',
                 'resolution', 'private_ruling', 'remand',
                 'writ_of_execution', 'enforcement', 'other')),
    result      text CHECK (result IN
                ('granted', 'partially_granted', 'refused', 'upheld',
                 'annulled', 'changed', 'terminated', 'remanded',
                 'left_without_consideration', 'returned', 'not_passed')),
    text_kk     text NOT NULL CHECK (length(text_kk) BETWEEN 1 AND 10000),
    text_ru     text NOT NULL CHECK (length(text_ru) BETWEEN 1 AND 10000),
    PRIMARY KEY (case_id, seq),
    CHECK ((day_on IS NULL) = (precision IS NULL))
);
-- The year filter: a court act dated in a year.
CREATE INDEX events_acts_idx ON courts.events (day_on, case_id)
    WHERE instance IN ('first', 'appeal', 'cassation');
CREATE INDEX events_instance_idx ON courts.events (instance, case_id);

-- cases.acted_on follows the events of the cases a statement touched.
CREATE FUNCTION courts.events_touch() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE courts.cases c
    SET acted_on = (SELECT max(e.sort_on) FROM courts.events e
                    WHERE e.case_id = c.id)
    WHERE c.id IN (SELECT case_id FROM changed);
    RETURN NULL;
END;
$$;
CREATE TRIGGER events_touch_insert AFTER INSERT ON courts.events
    REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION courts.events_touch();
CREATE TRIGGER events_touch_update AFTER UPDATE ON courts.events
    REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION courts.events_touch();
CREATE TRIGGER events_touch_delete AFTER DELETE ON courts.events
    REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION courts.events_touch();

CREATE TABLE courts.amounts (
    case_id     bigint NOT NULL REFERENCES courts.cases (id) ON DELETE CASCADE,
    seq         integer NOT NULL CHECK (seq >= 0),
    value       numeric NOT NULL CHECK (value >= 0),
    unit        text NOT NULL CHECK (unit IN ('KZT', 'MCI', 't')),
    what_kk     text NOT NULL CHECK (length(what_kk) BETWEEN 1 AND 1000),
    what_ru     text NOT NULL CHECK (length(what_ru) BETWEEN 1 AND 1000),
    PRIMARY KEY (case_id, seq)
);

-- The texts of court acts.  Rows are added (and corrected) by clerks;
-- created_at orders the feed of new acts.
CREATE TABLE courts.documents (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id     bigint NOT NULL REFERENCES courts.cases (id) ON DELETE CASCADE,
    event_seq   integer,
    kind        text NOT NULL CHECK (kind IN
                ('decision', 'ruling', 'resolution', 'private_ruling',
                 'writ_of_execution', 'other')),
    instance    text NOT NULL CHECK (instance IN
                ('first', 'appeal', 'cassation', 'enforcement')),
    issued_on   date,
    language    text NOT NULL CHECK (language IN ('kk', 'ru')),
    title       text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
    body        text NOT NULL CHECK (length(body) BETWEEN 1 AND 500000),
    created_at  timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (case_id, event_seq) REFERENCES courts.events (case_id, seq)
);
CREATE INDEX documents_case_idx ON courts.documents (case_id, id);
CREATE INDEX documents_new_idx ON courts.documents (created_at DESC, id DESC);

-- The information requests a case grew from, by registration number;
-- request_id is filled when the number is one of ours.
CREATE TABLE courts.request_links (
    case_id     bigint NOT NULL REFERENCES courts.cases (id) ON DELETE CASCADE,
    reg_no      text NOT NULL CHECK (length(reg_no) BETWEEN 1 AND 100),
    request_id  bigint REFERENCES requests.requests (id),
    PRIMARY KEY (case_id, reg_no)
);
CREATE INDEX request_links_request_idx ON courts.request_links (request_id)
    WHERE request_id IS NOT NULL;

-- Every word of the searchable texts once, for correcting a misspelt
-- query word by trigram similarity.
CREATE TABLE courts.words (
    -- "C": the primary key's order is the bytes', so a range over it
    -- finds the words that begin with a query word.
    word        text COLLATE "C" PRIMARY KEY
                CHECK (length(word) BETWEEN 1 AND 100)
);
CREATE INDEX words_trgm_idx ON courts.words USING gin (word gin_trgm_ops);

-- The first-instance statistics published by the courts (reference data,
-- sql/reference/003_court_statistics.sql).
CREATE TABLE courts.official_statistics (
    year            integer PRIMARY KEY CHECK (year BETWEEN 1991 AND 2100),
    received        integer NOT NULL CHECK (received >= 0),
    decided         integer NOT NULL CHECK (decided >= 0),
    aarhus_applied  integer NOT NULL CHECK (aarhus_applied >= 0),
    source          text NOT NULL
);

GRANT SELECT, INSERT, UPDATE, DELETE ON courts.cases, courts.parties,
    courts.claims, courts.events, courts.amounts, courts.documents,
    courts.request_links TO eco_app;
GRANT SELECT, INSERT ON courts.words TO eco_app;
GRANT SELECT ON courts.official_statistics TO eco_app;
