-- +goose Up
-- Councils' Open Referral UK feeds that admins registered, imported on a
-- schedule, and what each run did. No public page reads them, so they have
-- no content-version triggers; the import a run makes moves the version.
CREATE TABLE feeds (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    url        TEXT    NOT NULL UNIQUE,
    every      TEXT    NOT NULL CHECK (every IN ('daily', 'weekly')),
    paused     BOOLEAN NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
    version    INTEGER NOT NULL DEFAULT 1,
    created_at TEXT    NOT NULL
);

CREATE TABLE feed_runs (
    id          INTEGER PRIMARY KEY,
    feed_id     INTEGER NOT NULL REFERENCES feeds(id),
    started_at  TEXT    NOT NULL,
    finished_at TEXT    NOT NULL,
    by_hand     BOOLEAN NOT NULL DEFAULT 0 CHECK (by_hand IN (0, 1)),
    added       INTEGER NOT NULL DEFAULT 0,
    changed     INTEGER NOT NULL DEFAULT 0,
    unchanged   INTEGER NOT NULL DEFAULT 0,
    held        INTEGER NOT NULL DEFAULT 0,
    error       TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX feed_runs_latest ON feed_runs (feed_id, id);

-- +goose Down
DROP TABLE feed_runs;
DROP TABLE feeds;
