-- +goose Up
-- The daily tally of public searches, in aggregate only (see
-- internal/directory/demand.go): never what was typed, a full postcode, an
-- address, a cookie or a user agent. It has no content-version triggers:
-- the tally is written every few seconds, and must not empty the page cache.
CREATE TABLE demand_daily (
    day               TEXT    NOT NULL,
    area              TEXT    NOT NULL,
    postcode_district TEXT    NOT NULL DEFAULT '',
    stages            TEXT    NOT NULL DEFAULT '',
    audiences         TEXT    NOT NULL DEFAULT '',
    self_referral     INTEGER NOT NULL DEFAULT 0 CHECK (self_referral IN (0, 1)),
    searches          INTEGER NOT NULL CHECK (searches >= 0),
    no_results        INTEGER NOT NULL CHECK (no_results >= 0 AND no_results <= searches),
    results           INTEGER NOT NULL CHECK (results >= 0),
    PRIMARY KEY (day, area, postcode_district, stages, audiences, self_referral)
) WITHOUT ROWID;

-- +goose Down
DROP TABLE demand_daily;
