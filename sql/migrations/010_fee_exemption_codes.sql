-- 010_fee_exemption_codes: fee exemption codes may hold digits
-- ("disability_1_2").  Databases made before 004_requests said so were
-- made with a CHECK of letters only; this puts every database on the one
-- rule (a fresh one gets the same constraint again).
ALTER TABLE requests.requests
    DROP CONSTRAINT IF EXISTS requests_fee_exemption_check,
    ADD CONSTRAINT requests_fee_exemption_check
        CHECK (fee_exemption ~ '^[a-z0-9_]{2,40}$');
