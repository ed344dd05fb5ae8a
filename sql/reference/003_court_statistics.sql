-- The first-instance statistics of environmental cases published by the
-- courts for the whole country (seed 001, L3071-3085; the same figures in
-- sql/reference/court_statistics.json): cases received, decided with a
-- decision, and among those the decisions that applied the norms of the
-- Aarhus Convention.  Idempotent: a run brings the rows back to these.
INSERT INTO courts.official_statistics
    (year, received, decided, aarhus_applied, source) VALUES
(2017, 316, 250, 16, 'seed 001 L3078-3085'),
(2018, 245, 147, 4, 'seed 001 L3078-3085'),
(2019, 560, 274, 7, 'seed 001 L3078-3085'),
(2020, 432, 228, 1, 'seed 001 L3078-3085')
ON CONFLICT (year) DO UPDATE SET
    received = EXCLUDED.received,
    decided = EXCLUDED.decided,
    aarhus_applied = EXCLUDED.aarhus_applied,
    source = EXCLUDED.source;
