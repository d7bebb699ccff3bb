-- +goose Up
-- What members of the public suggest, without an account: a change to a
-- listed service (service_id set), or a service the directory does not list
-- (service_id null, with service_name and where_it_runs). Only staff read
-- it, and nothing on a public page changes until staff act on it, so it has
-- no content-version triggers: a suggestion must never empty the page cache.
-- The email, optional, is blanked 90 days after the suggestion is closed.
CREATE TABLE suggestions (
    id            INTEGER PRIMARY KEY,
    service_id    INTEGER REFERENCES services(id),
    topic         TEXT    NOT NULL CHECK (topic IN ('out_of_date', 'closed', 'more_information', 'something_else', 'new_service')),
    details       TEXT    NOT NULL,
    service_name  TEXT    NOT NULL DEFAULT '',
    where_it_runs TEXT    NOT NULL DEFAULT '',
    email         TEXT    NOT NULL DEFAULT '',
    status        TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    created_at    TEXT    NOT NULL,
    closed_at     TEXT    NOT NULL DEFAULT '',
    closed_note   TEXT    NOT NULL DEFAULT '',
    closed_by     TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX suggestions_status ON suggestions (status, id);

-- +goose Down
DROP TABLE suggestions;
