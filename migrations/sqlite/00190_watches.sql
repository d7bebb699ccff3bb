-- +goose Up
-- What staff watch, and how far each one's digest has told them: the id of
-- the last audit record a digest looked at. Only staff read either, so they
-- have no content-version triggers.
CREATE TABLE watches (
    user_id    INTEGER NOT NULL REFERENCES users(id),
    entity     TEXT    NOT NULL CHECK (entity IN ('service', 'coverage_cell')),
    entity_key TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    PRIMARY KEY (user_id, entity, entity_key)
);

CREATE TABLE watch_digests (
    user_id       INTEGER PRIMARY KEY REFERENCES users(id),
    last_audit_id INTEGER NOT NULL
);

-- +goose Down
DROP TABLE watch_digests;
DROP TABLE watches;
