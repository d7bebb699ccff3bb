-- +goose Up
-- Staff's internal notes on services. Only staff pages read them, never a
-- public page, the API or an export, so they have no content-version
-- triggers and are not in the search index.
CREATE TABLE service_notes (
    id          INTEGER PRIMARY KEY,
    service_id  INTEGER NOT NULL REFERENCES services(id),
    body        TEXT    NOT NULL,
    author_name TEXT    NOT NULL,
    created_at  TEXT    NOT NULL
);
CREATE INDEX service_notes_by_service ON service_notes (service_id, id);

-- +goose Down
DROP TABLE service_notes;
