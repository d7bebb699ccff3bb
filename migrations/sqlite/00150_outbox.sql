-- +goose Up
-- Every message the directory sends enters the outbox first and never
-- leaves it: sending marks it sent, a failed attempt leaves it pending with
-- its error, and nothing is deleted. Only admins read it, so it has no
-- content-version triggers: mail must never empty the page cache.
-- to_addresses holds the addresses one after another, separated by ", ".
CREATE TABLE outbox (
    id           INTEGER PRIMARY KEY,
    to_addresses TEXT    NOT NULL,
    subject      TEXT    NOT NULL,
    body         TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    status       TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT    NOT NULL DEFAULT '',
    created_at   TEXT    NOT NULL,
    sent_at      TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX outbox_status ON outbox (status, id);
CREATE INDEX outbox_kind ON outbox (kind, id);

-- +goose Down
DROP TABLE outbox;
