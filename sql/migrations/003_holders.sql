-- 003_holders: the information holders — state bodies that answer
-- environmental information requests — and the officials' link to them.
-- The list itself is reference data (sql/reference/002_holders.sql).

CREATE SCHEMA IF NOT EXISTS requests;
GRANT USAGE ON SCHEMA requests TO eco_app;

CREATE TABLE requests.holders (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code        text NOT NULL UNIQUE CHECK (code ~ '^[a-z][a-z0-9_]{1,62}$'),
    kind        text NOT NULL CHECK (kind IN ('ministry', 'committee', 'fund', 'akimat', 'department', 'agency')),
    region      text CHECK (region ~ '^[a-z_]{2,40}$'),
    parent_code text REFERENCES requests.holders (code),
    name_kk     text NOT NULL CHECK (length(name_kk) BETWEEN 1 AND 400),
    name_ru     text NOT NULL CHECK (length(name_ru) BETWEEN 1 AND 400),
    name_en     text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 400),
    sort        integer NOT NULL DEFAULT 0,
    active      boolean NOT NULL DEFAULT true
);
CREATE INDEX holders_sort_idx ON requests.holders (sort, id);

-- Officials belong to one holder.  NOT VALID: accounts made before this
-- migration are checked when they change, not now.
ALTER TABLE core.users ADD CONSTRAINT users_holder_fk
    FOREIGN KEY (holder_id) REFERENCES requests.holders (id) NOT VALID;

GRANT SELECT ON requests.holders TO eco_app;
