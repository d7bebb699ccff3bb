-- +goose Up
-- The report's recommendations, and the actions staff record on gaps in
-- the matrix: what will be done, who leads, by when, where it stands, and
-- which recommendation it serves. Public pages show both, so both bump the
-- content version.
CREATE TABLE recommendations (
    id       INTEGER PRIMARY KEY,
    slug     TEXT NOT NULL UNIQUE,
    name     TEXT NOT NULL,
    summary  TEXT NOT NULL,
    source   TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL
);

CREATE TABLE gap_actions (
    id                INTEGER PRIMARY KEY,
    service_type_id   INTEGER NOT NULL REFERENCES service_types(id),
    area_id           INTEGER NOT NULL REFERENCES areas(id),
    what              TEXT    NOT NULL,
    lead              TEXT    NOT NULL DEFAULT '',
    due               TEXT    NOT NULL DEFAULT '',
    status            TEXT    NOT NULL CHECK (status IN ('proposed', 'agreed', 'in_progress', 'done', 'dropped')),
    recommendation_id INTEGER REFERENCES recommendations(id),
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        TEXT    NOT NULL,
    updated_at        TEXT    NOT NULL
);
CREATE INDEX gap_actions_cell ON gap_actions (service_type_id, area_id);

-- +goose StatementBegin
CREATE TRIGGER recommendations_insert_bumps_content_version AFTER INSERT ON recommendations BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER recommendations_update_bumps_content_version AFTER UPDATE ON recommendations BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER recommendations_delete_bumps_content_version AFTER DELETE ON recommendations BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER gap_actions_insert_bumps_content_version AFTER INSERT ON gap_actions BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER gap_actions_update_bumps_content_version AFTER UPDATE ON gap_actions BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER gap_actions_delete_bumps_content_version AFTER DELETE ON gap_actions BEGIN UPDATE content_version SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd

-- +goose Down
DROP TABLE gap_actions;
DROP TABLE recommendations;
