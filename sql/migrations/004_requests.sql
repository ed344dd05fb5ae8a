-- 004_requests: environmental information requests — the requests, their
-- requesters (personal data, kept apart), itemised questions, the events of
-- their timeline, complaints, followers, and the mail outbox.
--
-- Privacy by construction: everything a public page, feed, export or the
-- API may show lives in requests.requests and requests.events; the
-- requester's name, IIN/BIN, address, phone and e-mail live only in
-- requests.requesters, which public queries never join.

-- Who asked.  One row per request (a redirect's new request shares it).
CREATE TABLE requests.requesters (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind            text NOT NULL CHECK (kind IN ('individual', 'organisation')),
    user_id         bigint REFERENCES core.users (id),  -- NULL: paper or oral
    full_name       text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 300),
    iin             char(12) CHECK (iin ~ '^[0-9]{12}$'),
    bin             char(12) CHECK (bin ~ '^[0-9]{12}$'),
    org_name        text CHECK (length(org_name) BETWEEN 1 AND 300),
    email           text CHECK (length(email) <= 254),
    phone           text CHECK (length(phone) <= 40),
    postal_address  text CHECK (length(postal_address) <= 500),
    CONSTRAINT requester_identified CHECK (
        (kind = 'individual' AND iin IS NOT NULL) OR
        (kind = 'organisation' AND bin IS NOT NULL AND org_name IS NOT NULL))
);

-- Gapless registration numbers: the counter moves inside the filing
-- transaction, so a rolled-back filing gives its number back.
CREATE TABLE requests.reg_counters (
    holder_id   bigint NOT NULL REFERENCES requests.holders (id),
    year        integer NOT NULL,
    last        integer NOT NULL,
    PRIMARY KEY (holder_id, year)
);

-- One request at one holder.  A redirect closes it here and opens a new
-- row at the competent holder (redirected_from), so the chain is a list.
-- The columns from status to closed_on are struct request_state
-- (handlers/requests/workflow.h).
CREATE TABLE requests.requests (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    holder_id       bigint NOT NULL REFERENCES requests.holders (id),
    reg_year        integer NOT NULL,
    reg_seq         integer NOT NULL CHECK (reg_seq > 0),
    reg_no          text NOT NULL UNIQUE,
    requester_id    bigint NOT NULL REFERENCES requests.requesters (id),
    requester_kind  text NOT NULL CHECK (requester_kind IN ('individual', 'organisation')),
    public_name     text CHECK (length(public_name) <= 300), -- an organisation's, if it chose
    filed_by        bigint REFERENCES core.users (id),
    client_token    text CHECK (client_token ~ '^[A-Za-z0-9_-]{16,64}$'),
    channel         text NOT NULL CHECK (channel IN ('portal', 'paper', 'oral', 'redirect')),
    subject         text NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
    body            text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
    language        text NOT NULL CHECK (language IN ('kk', 'ru')),
    answer_form     text NOT NULL CHECK (answer_form IN ('electronic', 'paper')),
    public          boolean NOT NULL,
    fee_exemption   text CHECK (fee_exemption ~ '^[a-z0-9_]{2,40}$'),
    redirected_from bigint REFERENCES requests.requests (id),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    -- struct request_state
    status          text NOT NULL CHECK (status IN ('registered', 'in_progress',
                        'extended', 'redirected', 'answered', 'partially_answered',
                        'refused', 'not_considered', 'withdrawn')),
    received_on     date NOT NULL,
    registered_on   date NOT NULL CHECK (registered_on >= received_on),
    complexity      text CHECK (complexity IN ('simple', 'complex')),
    due_on          date NOT NULL,
    refusal_due_on  date NOT NULL,
    redirect_due_on date NOT NULL,
    extended_inspection boolean NOT NULL DEFAULT false,
    extended_holders    boolean NOT NULL DEFAULT false,
    notify_due_on   date,
    executor_id     bigint REFERENCES core.users (id),
    redirected_to   bigint REFERENCES requests.holders (id),
    redirected_on   date,
    ground          text,
    answered_on     date,
    refused_on      date,
    closed_on       date,
    -- the answer or refusal as issued, and the executor's draft before it
    answer_text     text CHECK (length(answer_text) <= 50000),
    justification   text CHECK (length(justification) <= 5000),
    fee_pages       integer CHECK (fee_pages BETWEEN 0 AND 100000),
    fee_tariff      numeric(12,2) CHECK (fee_tariff >= 0),
    draft           jsonb,
    draft_by        bigint REFERENCES core.users (id),
    draft_at        timestamptz,
    search          tsvector GENERATED ALWAYS AS
                        (to_tsvector('simple', subject || ' ' || body)) STORED,
    UNIQUE (holder_id, reg_year, reg_seq),
    UNIQUE (filed_by, client_token)
);
CREATE INDEX requests_holder_due_idx ON requests.requests (holder_id, due_on);
CREATE INDEX requests_public_idx ON requests.requests (received_on DESC, id DESC) WHERE public;
CREATE INDEX requests_public_holder_idx ON requests.requests (holder_id, received_on DESC, id DESC) WHERE public;
CREATE INDEX requests_status_idx ON requests.requests (status, due_on);
CREATE INDEX requests_requester_idx ON requests.requests (requester_id);
CREATE INDEX requests_filed_by_idx ON requests.requests (filed_by, id DESC);
CREATE INDEX requests_search_idx ON requests.requests USING gin (search);
CREATE INDEX requests_redirected_from_idx ON requests.requests (redirected_from);

-- Itemised questions, each answered or not.
CREATE TABLE requests.questions (
    request_id  bigint NOT NULL REFERENCES requests.requests (id),
    n           integer NOT NULL CHECK (n BETWEEN 1 AND 50),
    text        text NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
    answered    boolean,
    answer      text CHECK (length(answer) <= 20000),
    PRIMARY KEY (request_id, n)
);

-- The timeline.  data holds the event's public details (complexity, reason,
-- days, ground, justification, holders); never personal data.  deadline_*
-- name the statutory deadline the event had to meet, and whether it did.
CREATE TABLE requests.events (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id      bigint NOT NULL REFERENCES requests.requests (id),
    type            text NOT NULL CHECK (type ~ '^[a-z_]{2,40}$'),
    on_date         date NOT NULL,
    at              timestamptz NOT NULL DEFAULT now(),
    actor_id        bigint REFERENCES core.users (id),
    deadline_code   text,
    deadline_on     date,
    met             boolean,
    data            jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX events_request_idx ON requests.events (request_id, id);
CREATE INDEX events_at_idx ON requests.events (at DESC, id DESC);

-- Answer attachments.
CREATE TABLE requests.attachments (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id      bigint NOT NULL REFERENCES requests.requests (id),
    name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    content_type    text NOT NULL CHECK (length(content_type) BETWEEN 3 AND 100),
    size            integer NOT NULL CHECK (size BETWEEN 0 AND 10485760),
    data            bytea NOT NULL,
    issued          boolean NOT NULL DEFAULT false,  -- false while a draft's
    added_by        bigint REFERENCES core.users (id),
    added_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attachments_request_idx ON requests.attachments (request_id, id);

-- Complaints against an answer or refusal, to a higher body or a court.
CREATE TABLE requests.complaints (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id      bigint NOT NULL REFERENCES requests.requests (id),
    instance        text NOT NULL CHECK (instance IN ('higher_body', 'court')),
    body_name       text CHECK (length(body_name) <= 300),
    learned_on      date NOT NULL,    -- the requester learned of the decision
    limit_on        date NOT NULL,    -- learned_on + 3 months
    filed_on        date NOT NULL CHECK (filed_on >= learned_on),
    late            boolean NOT NULL,
    text            text NOT NULL CHECK (length(text) BETWEEN 1 AND 20000),
    outcome         text NOT NULL DEFAULT 'pending' CHECK (outcome IN
                        ('pending', 'upheld', 'partially_upheld', 'dismissed', 'withdrawn')),
    outcome_on      date,
    outcome_note    text CHECK (length(outcome_note) <= 5000),
    court_case_key  text CHECK (court_case_key ~ '^[a-z0-9][a-z0-9-]{1,100}$'),
    filed_by        bigint REFERENCES core.users (id),
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX complaints_request_idx ON requests.complaints (request_id);

-- Followers of a request or a holder.  The e-mail is personal data.
CREATE TABLE requests.follows (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email           text NOT NULL CHECK (email = lower(email) AND length(email) <= 254),
    lang            text NOT NULL CHECK (lang IN ('kk', 'ru', 'en')),
    request_id      bigint REFERENCES requests.requests (id),
    holder_id       bigint REFERENCES requests.holders (id),
    token           text NOT NULL UNIQUE CHECK (token ~ '^[0-9a-f]{32}$'),
    confirmed_at    timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK ((request_id IS NULL) <> (holder_id IS NULL))
);
CREATE UNIQUE INDEX follows_request_key ON requests.follows (email, request_id) WHERE request_id IS NOT NULL;
CREATE UNIQUE INDEX follows_holder_key ON requests.follows (email, holder_id) WHERE holder_id IS NOT NULL;

-- Mail waiting to go.  The mailer takes rows with FOR UPDATE SKIP LOCKED,
-- marks them sent in the same transaction, and on failure pushes
-- next_attempt_at back, so nothing is lost while it is down.  dedupe_key
-- keeps a reminder from being queued twice.
CREATE TABLE core.outbox (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at      timestamptz NOT NULL DEFAULT now(),
    to_addr         text NOT NULL CHECK (length(to_addr) BETWEEN 3 AND 254),
    subject         text NOT NULL CHECK (length(subject) BETWEEN 1 AND 400),
    body            text NOT NULL,
    kind            text NOT NULL CHECK (kind ~ '^[a-z_]{2,40}$'),
    dedupe_key      text UNIQUE,
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz,
    last_error      text
);
CREATE INDEX outbox_pending_idx ON core.outbox (next_attempt_at) WHERE sent_at IS NULL;

GRANT SELECT, INSERT ON requests.requesters TO eco_app;
GRANT SELECT, INSERT, UPDATE ON requests.reg_counters TO eco_app;
GRANT SELECT, INSERT, UPDATE ON requests.requests TO eco_app;
GRANT SELECT, INSERT, UPDATE ON requests.questions TO eco_app;
GRANT SELECT, INSERT ON requests.events TO eco_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON requests.attachments TO eco_app;
GRANT SELECT, INSERT, UPDATE ON requests.complaints TO eco_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON requests.follows TO eco_app;
GRANT SELECT, INSERT, UPDATE ON core.outbox TO eco_app;
