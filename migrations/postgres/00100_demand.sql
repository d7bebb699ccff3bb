-- +goose Up
-- The daily tally of public searches, in aggregate only (see
-- internal/directory/demand.go): never what was typed, a full postcode, an
-- address, a cookie or a user agent. It has no content-version triggers:
-- the tally is written every few seconds, and must not empty the page cache.
-- self_referral stays an integer 0 or 1, as on SQLite.
CREATE TABLE demand_daily (
    day               text   NOT NULL,
    area              text   NOT NULL,
    postcode_district text   NOT NULL DEFAULT '',
    stages            text   NOT NULL DEFAULT '',
    audiences         text   NOT NULL DEFAULT '',
    self_referral     bigint NOT NULL DEFAULT 0 CHECK (self_referral IN (0, 1)),
    searches          bigint NOT NULL CHECK (searches >= 0),
    no_results        bigint NOT NULL CHECK (no_results >= 0 AND no_results <= searches),
    results           bigint NOT NULL CHECK (results >= 0),
    PRIMARY KEY (day, area, postcode_district, stages, audiences, self_referral)
);

-- +goose Down
DROP TABLE demand_daily;
