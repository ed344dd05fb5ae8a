-- 005_holders_admin: administrators edit the information holders, and
-- requests made up by ecoctl are told apart from real ones.
--
-- ref_code is a holder's key in the reference data
-- (sql/reference/002_holders.sql): set when that file inserts the holder,
-- never changed afterwards, NULL for a holder an administrator added.  The
-- code itself an administrator may change.  edited_at is when an
-- administrator last changed the holder: the reference data, which ecoctl
-- migrate applies on every start, adds the holders that are missing and
-- refreshes only those no administrator has touched, so that an
-- administrator's edit is never silently undone.
ALTER TABLE requests.holders
    ADD COLUMN ref_code text UNIQUE,
    ADD COLUMN edited_at timestamptz;
UPDATE requests.holders SET ref_code = code;

-- A parent whose code changes keeps its subordinate bodies.
ALTER TABLE requests.holders
    DROP CONSTRAINT holders_parent_code_fkey,
    ADD CONSTRAINT holders_parent_code_fkey FOREIGN KEY (parent_code)
        REFERENCES requests.holders (code) ON UPDATE CASCADE;

-- Requests ecoctl made up: 'demo' (ecoctl demo load) or 'generated'
-- (ecoctl requests generate, for the benchmark); NULL for real ones.
ALTER TABLE requests.requests
    ADD COLUMN origin text CHECK (origin IN ('demo', 'generated'));

GRANT INSERT, UPDATE ON requests.holders TO eco_app;
