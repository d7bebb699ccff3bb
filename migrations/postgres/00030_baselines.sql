-- +goose Up
-- A baseline is a named date on which a review rated the whole matrix, such
-- as a published report. People pick one to see the matrix as it stood then,
-- and what has changed since.
CREATE TABLE baselines (
    slug        text PRIMARY KEY,
    name        text NOT NULL,
    as_of       text NOT NULL,
    description text NOT NULL DEFAULT '',
    position    bigint NOT NULL DEFAULT 0
);

-- +goose Down
DROP TABLE baselines;
