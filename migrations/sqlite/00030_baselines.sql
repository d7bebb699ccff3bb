-- +goose Up
-- A baseline is a named date on which a review rated the whole matrix, such
-- as a published report. People pick one to see the matrix as it stood then,
-- and what has changed since.
CREATE TABLE baselines (
    slug        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    as_of       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL DEFAULT 0
);

-- +goose Down
DROP TABLE baselines;
