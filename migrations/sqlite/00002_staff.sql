-- +goose Up
-- Staff accounts. Nothing is deleted: an account that should no longer log in is disabled.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'editor')),
    password_hash TEXT NOT NULL,
    disabled_at   TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1
);

-- Sessions for scs, kept in the same database.
CREATE TABLE sessions (
    token  TEXT PRIMARY KEY,
    data   BLOB NOT NULL,
    expiry INTEGER NOT NULL -- Unix seconds
);
CREATE INDEX sessions_expiry ON sessions(expiry);

-- Every change to the directory: who, when, what, and the record before and
-- after, as JSON. Rows are never updated or deleted.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    user_id    INTEGER REFERENCES users(id),
    user_name  TEXT NOT NULL,
    entity     TEXT NOT NULL,
    entity_key TEXT NOT NULL,
    action     TEXT NOT NULL,
    reason     TEXT NOT NULL DEFAULT '',
    before     TEXT NOT NULL DEFAULT '',
    after      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_key, id);

-- +goose StatementBegin
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
-- +goose StatementEnd

-- A service is due for review six months after it was last reviewed, unless
-- staff set another date.
ALTER TABLE services ADD COLUMN review_due TEXT NOT NULL DEFAULT '';

ALTER TABLE service_types ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE areas ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

-- Staff may record more than one rating for a cell on the same day, so the
-- history is ordered by effective date and then by id, and each row keeps the
-- reason and who recorded it.
CREATE TABLE coverage_cells_new (
    id              INTEGER PRIMARY KEY,
    service_type_id INTEGER NOT NULL REFERENCES service_types(id),
    area_id         INTEGER NOT NULL REFERENCES areas(id),
    rating          TEXT NOT NULL CHECK (rating IN ('green', 'amber', 'red', 'not_stated')),
    note            TEXT NOT NULL DEFAULT '',
    source          TEXT NOT NULL,
    effective_from  TEXT NOT NULL,
    recorded_at     TEXT NOT NULL,
    reason          TEXT NOT NULL DEFAULT '',
    recorded_by     TEXT NOT NULL DEFAULT ''
);
INSERT INTO coverage_cells_new (id, service_type_id, area_id, rating, note, source, effective_from, recorded_at)
    SELECT id, service_type_id, area_id, rating, note, source, effective_from, recorded_at FROM coverage_cells;
DROP TABLE coverage_cells;
ALTER TABLE coverage_cells_new RENAME TO coverage_cells;
CREATE INDEX coverage_cells_pair ON coverage_cells(service_type_id, area_id, effective_from, id);

-- +goose Down
CREATE TABLE coverage_cells_old (
    id              INTEGER PRIMARY KEY,
    service_type_id INTEGER NOT NULL REFERENCES service_types(id),
    area_id         INTEGER NOT NULL REFERENCES areas(id),
    rating          TEXT NOT NULL CHECK (rating IN ('green', 'amber', 'red', 'not_stated')),
    note            TEXT NOT NULL DEFAULT '',
    source          TEXT NOT NULL,
    effective_from  TEXT NOT NULL,
    recorded_at     TEXT NOT NULL,
    UNIQUE (service_type_id, area_id, effective_from)
);
INSERT OR IGNORE INTO coverage_cells_old (id, service_type_id, area_id, rating, note, source, effective_from, recorded_at)
    SELECT id, service_type_id, area_id, rating, note, source, effective_from, recorded_at FROM coverage_cells;
DROP TABLE coverage_cells;
ALTER TABLE coverage_cells_old RENAME TO coverage_cells;
ALTER TABLE areas DROP COLUMN version;
ALTER TABLE service_types DROP COLUMN version;
ALTER TABLE services DROP COLUMN review_due;
DROP TABLE audit_log;
DROP TABLE sessions;
DROP TABLE users;
