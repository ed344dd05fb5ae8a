-- 008_follows: following a request or a holder by e-mail (double opt-in).
--
-- A follow is born unconfirmed when somebody submits an address; the
-- confirmation mail's link confirms it.  mailed_at is when that mail was
-- last queued: the form sends no second one for the same address and
-- target within a day, and caps the confirmations an address gets in a
-- day (handlers/requests/follow.c).  Unconfirmed follows older than a
-- week are deleted: an address nobody confirmed is not kept.
ALTER TABLE requests.follows
    ADD COLUMN mailed_at timestamptz NOT NULL DEFAULT now();

-- Who gets mail about an event: the confirmed followers of a request or
-- of its holder.  (The unique indexes of 004 lead with the address.)
CREATE INDEX follows_request_idx ON requests.follows (request_id)
    WHERE confirmed_at IS NOT NULL AND request_id IS NOT NULL;
CREATE INDEX follows_holder_idx ON requests.follows (holder_id)
    WHERE confirmed_at IS NOT NULL AND holder_id IS NOT NULL;
-- The week-old unconfirmed ones, found without reading every follow.
CREATE INDEX follows_pending_idx ON requests.follows (mailed_at)
    WHERE confirmed_at IS NULL;
