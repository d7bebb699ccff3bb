-- +goose Up
-- What staff watch, and how far each one's digest has told them: the id of
-- the last audit record a digest looked at. Only staff read either, so they
-- have no content-version triggers.
CREATE TABLE watches (
    user_id    bigint  NOT NULL REFERENCES users(id),
    entity     text    NOT NULL CHECK (entity IN ('service', 'coverage_cell')),
    entity_key text    NOT NULL,
    created_at text    NOT NULL,
    PRIMARY KEY (user_id, entity, entity_key)
);

CREATE TABLE watch_digests (
    user_id       bigint  PRIMARY KEY REFERENCES users(id),
    last_audit_id bigint  NOT NULL
);

-- +goose Down
DROP TABLE watch_digests;
DROP TABLE watches;
